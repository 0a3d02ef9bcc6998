/**
 * dj-rest-auth's `set_jwt_access_cookie`, `set_jwt_refresh_cookie` and `unset_jwt_cookies`, and
 * the datetimes it answers (`access_expiration`, `refresh_expiration`).
 */
import type { ResolvedDjRestAuth } from '../../presets/dj-rest-auth-options.js';
import { formatSetCookie } from '../cookies.js';
import type { ViewContext } from '../types.js';

/**
 * `response.set_cookie(name, value, expires=now + lifetime, …)`: Django turns the datetime into
 * `Max-Age` (the lifetime rounded up to whole seconds) and an `expires` that far ahead.
 */
function setJwtCookie(ctx: ViewContext, name: string, token: string, lifetime: number, path: string): void {
  const c = ctx.djRestAuth!;
  ctx.setCookie(
    formatSetCookie(name, token, {
      maxAge: Math.ceil(lifetime),
      nowMs: ctx.nowMs,
      httpOnly: c.httpOnly,
      path,
      sameSite: c.sameSite,
      secure: c.secure,
    }),
  );
}

/** Sets the access cookie (when `JWT_AUTH_COOKIE` is set). */
export function setAccessCookie(ctx: ViewContext, token: string): void {
  const c = ctx.djRestAuth!;
  if (c.accessCookie) setJwtCookie(ctx, c.accessCookie, token, ctx.state.settings.ACCESS_TOKEN_LIFETIME, '/');
}

/** Sets the refresh cookie (when `JWT_AUTH_REFRESH_COOKIE` is set). */
export function setRefreshCookie(ctx: ViewContext, token: string): void {
  const c = ctx.djRestAuth!;
  if (c.refreshCookie)
    setJwtCookie(ctx, c.refreshCookie, token, ctx.state.settings.REFRESH_TOKEN_LIFETIME, c.refreshCookiePath);
}

/** `response.delete_cookie(name, path, samesite)` for both cookies. */
export function clearJwtCookies(ctx: ViewContext): void {
  const c: ResolvedDjRestAuth = ctx.djRestAuth!;
  const gone = (name: string, path: string): string =>
    formatSetCookie(name, '', {
      maxAge: 0,
      nowMs: ctx.nowMs,
      path,
      sameSite: c.sameSite,
      // Django's delete_cookie keeps Secure only where browsers require it.
      secure: c.sameSite === 'None' || /^__(Secure|Host)-/.test(name),
    });
  if (c.accessCookie) ctx.setCookie(gone(c.accessCookie, '/'));
  if (c.refreshCookie) ctx.setCookie(gone(c.refreshCookie, c.refreshCookiePath));
}

/** DRF's rendering of `timezone.now() + seconds`: ISO 8601 in UTC with microseconds (none when zero), `Z`. */
export function isoAfter(nowMs: number, seconds: number): string {
  const t = nowMs + seconds * 1000;
  const whole = Math.floor(t);
  const iso = new Date(whole).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const micros = Math.round((t - Math.floor(t / 1000) * 1000) * 1000);
  return micros === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}.${String(micros).padStart(6, '0')}Z`;
}
