import { ApiError, InvalidCredentialsError } from '../errors.js';
import { fieldsOf } from '../http.js';
import { readGlobal } from '../platform/browser.js';
import type { Backend } from '../types.js';

/** Options of {@link djRestAuth}, named after dj-rest-auth's `REST_AUTH` settings. */
export interface DjRestAuthBackendOptions {
  /** dj-rest-auth's URL prefix, where `dj_rest_auth.urls` is included. @default 'dj-rest-auth/' */
  prefix?: string;
  /**
   * `JWT_AUTH_HTTPONLY`: the server keeps the refresh token in an httpOnly cookie and answers
   * `refresh: ""`; the client sends refresh and logout with `credentials: 'include'`.
   * @default false
   */
  httpOnly?: boolean;
  /**
   * `JWT_AUTH_COOKIE_USE_CSRF`: token calls carry `X-CSRFToken` from Django's CSRF cookie (readable
   * by scripts unless `CSRF_COOKIE_HTTPONLY`). Browsers only.
   * @default false
   */
  csrf?: boolean;
  /** Django's `CSRF_COOKIE_NAME`. @default 'csrftoken' */
  csrfCookieName?: string;
}

/** The value of cookie `name` as this page sees it (`document.cookie`), if any. */
function pageCookie(name: string): string | undefined {
  const jar = (readGlobal('document') as { cookie?: string } | undefined)?.cookie ?? '';
  for (const pair of jar.split(/;\s*/)) {
    const at = pair.indexOf('=');
    if (pair.slice(0, at) === name) return decodeURIComponent(pair.slice(at + 1));
  }
}

/**
 * dj-rest-auth with `USE_JWT` (SimpleJWT underneath): `dj-rest-auth/login/`, `token/refresh/`,
 * `token/verify/`, and `logout/` (which blacklists the refresh token and clears the cookies). Its
 * wrong-password answer (400 "Unable to log in with provided credentials.") is an
 * `InvalidCredentialsError`; `login()` resolves with the non-token fields (`user`, …). A 401 at
 * login is not about the credentials: `JWTCookieAuthentication` runs before the login view and
 * rejected the access cookie of an earlier session (its user deactivated or deleted, …) that the
 * browser still holds until it expires; that is an `ApiError` with the server's code
 * (`user_inactive`, `user_not_found`, `token_not_valid`).
 * @example createAuthClient({ baseUrl, backend: djRestAuth({ httpOnly: true, csrf: true }) })
 */
export function djRestAuth({
  prefix = 'dj-rest-auth/',
  httpOnly = false,
  csrf = false,
  csrfCookieName = 'csrftoken',
}: DjRestAuthBackendOptions = {}): Backend {
  return {
    endpoints: {
      obtain: `${prefix}login/`,
      refresh: `${prefix}token/refresh/`,
      verify: `${prefix}token/verify/`,
      blacklist: `${prefix}logout/`,
    },
    refreshIn: httpOnly ? 'cookie' : 'body',
    headers: csrf
      ? () => {
          const token = pageCookie(csrfCookieName);
          return token ? { 'X-CSRFToken': token } : undefined;
        }
      : undefined,
    loginError(status, body) {
      if (status === 401) {
        const { detail, code, messages } = fieldsOf(body);
        return new ApiError(
          code ?? 'authentication_failed',
          `Access cookie refused at login: ${detail ?? 'HTTP 401'}`,
          {
            status,
            detail,
            messages,
          },
        );
      }
      // "Unable to log in with provided credentials." or "User account is disabled.", but not the
      // missing-field "Must include …", which stays a ValidationError.
      const [message] = (body?.non_field_errors as unknown[] | undefined) ?? [];
      if (status === 400 && typeof message === 'string' && !message.startsWith('Must include'))
        return new InvalidCredentialsError('no_active_account', message, { status, detail: message });
    },
  };
}
