/**
 * dj-rest-auth 6's JWT views (`USE_JWT`), as `examples/django-simplejwt` writes them with
 * SimpleJWT's own tokens: login, logout, user details and the cookie-reading token refresh.
 */
import { randomToken } from '../../drf/csrf.js';
import { ApiException, simpleJwtAuthFailed, validationError } from '../../drf/exceptions.js';
import type { RequestData } from '../../drf/parsers.js';
import { validateCharFields } from '../../drf/serializer.js';
import { ServerCrash, TokenError } from '../../tokens.js';
import type { StoredUser } from '../../users.js';
import { asInvalidToken, blacklist, issuePair, loadToken, refreshTokens } from '../token-views.js';
import type { ViewContext, ViewResult, ViewSpec } from '../types.js';
import { clearJwtCookies, isoAfter, setAccessCookie, setRefreshCookie } from './cookies.js';

const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** A Python `TypeError` the view catches (`request.data['refresh']` on a list, a string, None…). */
class PyTypeError extends Error {}

/** `UserDetailsSerializer(user).data`. */
export function userDetails(user: StoredUser): Record<string, unknown> {
  return {
    pk: user.id,
    username: user.username,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
  };
}

/** `LoginSerializer.validate` without allauth: by email (through the user's username) or username, then `authenticate()`. */
function loginUser(ctx: ViewContext): StoredUser {
  const v = validateCharFields(ctx.data(), [
    { name: 'username', required: false, allowBlank: true },
    { name: 'email', required: false, allowBlank: true, email: true },
    { name: 'password' },
  ]);
  let username = v.username;
  if (v.email) {
    // User.objects.get(email__iexact=…): SQLite's LIKE folds ASCII case only.
    const matches = ctx.state.users.filter((u) => asciiLower(u.email) === asciiLower(v.email!));
    if (matches.length > 1) throw new ServerCrash('MultipleObjectsReturned: get() returned more than one User');
    if (matches[0]) username = matches[0].username;
  }
  const user = username ? ctx.state.authenticate(username, v.password!) : null;
  if (!user) throw validationError({ non_field_errors: ['Unable to log in with provided credentials.'] });
  return user;
}

/** `django.contrib.auth.login`: a session for the user (kept when the request's session is already theirs) and a new CSRF token. */
function sessionLogin(ctx: ViewContext, user: StoredUser): void {
  const current = ctx.cookies.get('sessionid');
  const sessions = ctx.state.sessions;
  if (current === undefined || sessions.get(current) !== user.id) {
    if (current !== undefined) sessions.delete(current);
    const key = randomToken(32).toLowerCase();
    sessions.set(key, user.id);
    ctx.effects.sessionKey = key;
  } else ctx.effects.sessionKey = current;
  ctx.effects.sessionAccessed = true;
  ctx.effects.rotateCsrf = true;
}

async function login(ctx: ViewContext): Promise<ViewResult> {
  const c = ctx.djRestAuth!;
  const user = loginUser(ctx);
  const pair = await issuePair(ctx, user);
  if (c.sessionLogin) sessionLogin(ctx, user);
  const data: Record<string, unknown> = {
    access: pair.access,
    refresh: c.httpOnly ? '' : pair.refresh,
    user: userDetails(user),
  };
  if (c.returnExpiration) {
    data.access_expiration = isoAfter(ctx.nowMs, ctx.state.settings.ACCESS_TOKEN_LIFETIME);
    data.refresh_expiration = isoAfter(ctx.nowMs, ctx.state.settings.REFRESH_TOKEN_LIFETIME);
  }
  setAccessCookie(ctx, pair.access);
  setRefreshCookie(ctx, pair.refresh);
  return { status: 200, data };
}

const MESSAGES_PASSED_ON = ['Token is blacklisted', 'Token is invalid or expired'];

/** The refresh token logout blacklists, or a missing-token message; what `request.data['refresh']` raises otherwise. */
function logoutToken(ctx: ViewContext): { raw: unknown } | { missing: string } {
  const c = ctx.djRestAuth!;
  if (c.httpOnly) {
    const cookie = c.refreshCookie ? ctx.cookies.get(c.refreshCookie) : undefined;
    return cookie === undefined ? { missing: 'cookie' } : { raw: cookie };
  }
  const data: RequestData = ctx.data();
  if (data.kind === 'form') {
    const values = data.fields.get('refresh');
    return values?.length ? { raw: values[values.length - 1] } : { missing: 'request' };
  }
  // A JSON list, string, number or null has no ['refresh']: a TypeError.
  if (!(data.value instanceof Map)) throw new PyTypeError('request.data is not a dict');
  return data.value.has('refresh') ? { raw: data.value.get('refresh') } : { missing: 'request' };
}

async function logout(ctx: ViewContext): Promise<ViewResult> {
  const c = ctx.djRestAuth!;
  if (c.sessionLogin) {
    // django.contrib.auth.logout flushes the session: the middleware deletes a sent sessionid cookie.
    const current = ctx.cookies.get('sessionid');
    if (current !== undefined) ctx.state.sessions.delete(current);
    ctx.effects.sessionAccessed = true;
    ctx.effects.sessionKey = null;
  }
  // The cookies are cleared on the view's response: an exception (a parse error, a 500) discards them.
  const answer = (status: number, detail: string): ViewResult => {
    clearJwtCookies(ctx);
    return { status, data: { detail } };
  };
  const missing = (where: string): ViewResult => answer(401, `Refresh token was not included in ${where} data.`);
  try {
    const found = logoutToken(ctx);
    if ('missing' in found) return missing(found.missing);
    // RefreshToken(None) is a new token, so a JSON null "logs out" without revoking anything.
    if (found.raw === null) return answer(200, 'Successfully logged out.');
    let token: Awaited<ReturnType<typeof loadToken>>;
    try {
      token = await loadToken(found.raw, 'refresh', ctx);
    } catch (e) {
      // dj-rest-auth builds the token inside its `except KeyError`: a token without jti reads as missing.
      if (e instanceof ServerCrash && e.message.startsWith('KeyError'))
        return missing(c.httpOnly ? 'cookie' : 'request');
      throw e;
    }
    blacklist(ctx, token);
  } catch (e) {
    if (!(e instanceof TokenError || e instanceof PyTypeError)) throw e;
    // dj-rest-auth passes two SimpleJWT 5.2 messages on and answers 500 to anything else.
    if (e instanceof TokenError && MESSAGES_PASSED_ON.includes(e.message)) return answer(401, e.message);
    return answer(500, 'An error has occurred.');
  }
  return answer(200, 'Successfully logged out.');
}

/** `CookieTokenRefreshSerializer.extract_refresh_token`: the body's `refresh` unless empty, else the cookie. */
function refreshOfRequest(ctx: ViewContext): unknown {
  const c = ctx.djRestAuth!;
  const data = ctx.data();
  validateCharFields(data, [{ name: 'refresh', required: false }]);
  const fromBody =
    data.kind === 'form' ? data.fields.get('refresh')?.at(-1) : (data.value as Map<string, unknown>).get('refresh');
  if (fromBody !== undefined && fromBody !== '') return fromBody;
  const cookie = c.refreshCookie ? ctx.cookies.get(c.refreshCookie) : undefined;
  if (cookie === undefined) throw simpleJwtAuthFailed('No valid refresh token found.', 'token_not_valid');
  return cookie;
}

async function cookieRefresh(ctx: ViewContext): Promise<ViewResult> {
  const c = ctx.djRestAuth!;
  const raw = refreshOfRequest(ctx);
  const data: Record<string, string> = await asInvalidToken(() => refreshTokens(ctx, raw));
  setAccessCookie(ctx, data.access!);
  data.access_expiration = isoAfter(ctx.nowMs, ctx.state.settings.ACCESS_TOKEN_LIFETIME);
  if (data.refresh !== undefined) {
    setRefreshCookie(ctx, data.refresh);
    if (c.httpOnly) delete data.refresh;
    else data.refresh_expiration = isoAfter(ctx.nowMs, ctx.state.settings.REFRESH_TOKEN_LIFETIME);
  }
  return { status: 200, data };
}

/** dj-rest-auth's views (with the example project's view names and descriptions). */
export const DJ_REST_AUTH_VIEWS: readonly ViewSpec[] = [
  {
    endpoint: 'obtain',
    name: 'Login',
    description: 'Logs in with username (or email) and password: JWTs in the body and in cookies.',
    allowed: ['POST', 'OPTIONS'],
    authenticate: 'jwt-cookie',
    permission: 'allowAny',
    fields: [
      { name: 'username', optional: true },
      { name: 'email', type: 'email', optional: true },
      { name: 'password' },
    ],
    run: login,
  },
  {
    endpoint: 'blacklist',
    name: 'Logout',
    description: 'Clears the JWT cookies and blacklists the refresh token (cookie in httpOnly mode, else body).',
    allowed: ['GET', 'POST', 'HEAD', 'OPTIONS'],
    authenticate: 'jwt-cookie',
    permission: 'allowAny',
    run: async (ctx) => {
      if (ctx.method !== 'POST') throw new ApiException(405, `Method "${ctx.method}" not allowed.`);
      return logout(ctx);
    },
  },
  {
    endpoint: 'user',
    name: 'User Details',
    description: "The logged-in user (dj-rest-auth's PUT and PATCH are not reproduced).",
    allowed: ['GET', 'HEAD', 'OPTIONS'],
    authenticate: 'jwt-cookie',
    permission: 'isAuthenticated',
    run: async (ctx) => ({ status: 200, data: userDetails(ctx.auth!.user) }),
  },
  {
    endpoint: 'refresh',
    name: 'Cookie Token Refresh',
    description: "SimpleJWT's refresh, reading the refresh cookie and setting the new tokens as cookies.",
    allowed: ['POST', 'OPTIONS'],
    authenticate: false,
    permission: 'none',
    // The redeclared `refresh` keeps the inherited field's place, before `access`.
    fields: [
      { name: 'refresh', optional: true },
      { name: 'access', readOnly: true },
    ],
    run: cookieRefresh,
  },
];
