/**
 * SimpleJWT's views and serializers: pair, sliding and custom-claims obtain, refresh
 * (with rotation and blacklisting), verify, blacklist and sliding refresh.
 */
import { ApiException, authenticationFailed, simpleJwtAuthFailed } from '../drf/exceptions.js';
import type { RequestData } from '../drf/parsers.js';
import { validateCharFields } from '../drf/serializer.js';
import { revokeClaimOf } from '../password.js';
import { pyTruthy } from '../py-builtins.js';
import { toPy } from '../py-json/values.js';
import { decodeFailureMessage, ServerCrash, Token, TokenError, type TokenType } from '../tokens.js';
import { userAttribute, type StoredUser } from '../users.js';
import { refreshCookie } from './cookies.js';
import type { EndpointName, ViewContext, ViewResult, ViewSpec } from './types.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const POST_ONLY = ['POST', 'OPTIONS'];

/** `TokenViewBase.post`: a `TokenError` raised while validating becomes `InvalidToken` (401 with `code`). */
export async function asInvalidToken<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof TokenError) throw simpleJwtAuthFailed(e.message, 'token_not_valid');
    throw e;
  }
}

/** `Token.for_user(user)` plus the mock's per-user custom claims. */
export function forUser(type: TokenType, user: StoredUser, ctx: ViewContext): Token {
  const s = ctx.state.settings;
  const token = Token.create(type, ctx.state.tokenContext(ctx.nowMs));
  const id = userAttribute(user, s.USER_ID_FIELD);
  if (id === undefined) throw new ServerCrash(`AttributeError: 'User' object has no attribute '${s.USER_ID_FIELD}'`);
  token.payload.set(
    s.USER_ID_CLAIM,
    typeof id === 'number' && Number.isInteger(id) ? BigInt(id) : typeof id === 'boolean' ? id : String(id),
  );
  if (s.CHECK_REVOKE_TOKEN) token.payload.set(s.REVOKE_TOKEN_CLAIM!, revokeClaimOf(user.password_hash));
  for (const [claim, value] of Object.entries(user.claims)) token.payload.set(claim, toPy(value));
  ctx.state.recordIssued(token.jti!, user.id, type);
  return token;
}

function login(ctx: ViewContext): StoredUser {
  const { username, password } = validateCharFields(ctx.data(), ['username', 'password']);
  const user = ctx.state.authenticate(username!, password!);
  if (!user) throw authenticationFailed('No active account found with the given credentials');
  if (ctx.state.settings.UPDATE_LAST_LOGIN) user.last_login = ctx.nowMs;
  return user;
}

/** In cookie mode, moves the refresh token from the body into an httpOnly cookie. */
function deliverRefresh(ctx: ViewContext, data: Record<string, string>): Record<string, string> {
  if (!ctx.refreshCookie || data.refresh === undefined) return data;
  ctx.setCookie(refreshCookie(ctx.refreshCookie, data.refresh, ctx.state.settings.REFRESH_TOKEN_LIFETIME, ctx.nowMs));
  const { refresh: _omitted, ...rest } = data;
  return rest;
}

/** In cookie mode, reads the refresh token from the cookie when the body has none. */
function withCookieRefresh(ctx: ViewContext): RequestData {
  const data = ctx.data();
  const cookie = ctx.refreshCookie && ctx.cookies.get(ctx.refreshCookie.name);
  if (!cookie) return data;
  if (data.kind === 'form' && !data.fields.has('refresh')) data.fields.set('refresh', [cookie]);
  if (data.kind === 'json' && data.value instanceof Map && !data.value.has('refresh'))
    data.value.set('refresh', cookie);
  return data;
}

/**
 * SimpleJWT 5.5's `blacklist()` and `outstand()` look the token's user up for `OutstandingToken.user`
 * (a missing row is fine, a value the ORM cannot convert is a 500); 5.2's do not.
 */
function lookUpOwner(ctx: ViewContext, token: Token): void {
  if (ctx.state.stack.version !== '5.2') ctx.state.findByIdClaim(token.payload.get(ctx.state.settings.USER_ID_CLAIM));
}

/** `token.blacklist()`. */
export function blacklist(ctx: ViewContext, token: Token): void {
  lookUpOwner(ctx, token);
  ctx.state.blacklisted.add(token.jti!);
}

/**
 * SimpleJWT ≥ 5.3's `TokenRefreshSerializer`: when the token names a user (a truthy id), that user must
 * exist (else `DoesNotExist`, a 500) and pass `USER_AUTHENTICATION_RULE` (else 401 without `code`).
 */
function checkRefreshUser(ctx: ViewContext, token: Token): void {
  const s = ctx.state.settings;
  if (ctx.state.stack.version === '5.2') return;
  const id = token.payload.get(s.USER_ID_CLAIM);
  if (id === undefined || !pyTruthy(id)) return;
  const user = ctx.state.findByIdClaim(id);
  if (!user) throw new ServerCrash('User.DoesNotExist: User matching query does not exist.');
  if ((s.CHECK_USER_IS_ACTIVE ?? true) && !user.is_active)
    throw authenticationFailed('No active account found for the given token.');
}

function issuedUser(ctx: ViewContext, token: Token): number | undefined {
  return token.jti === undefined ? undefined : ctx.state.issued.get(token.jti)?.userId;
}

/** `TokenObtainPairSerializer.get_token(user)` and its `access_token`, encoded; `custom` adds the documentation's two claims. */
export async function issuePair(
  ctx: ViewContext,
  user: StoredUser,
  custom = false,
): Promise<{ refresh: string; access: string }> {
  const refresh = forUser('refresh', user, ctx);
  if (custom) {
    refresh.payload.set('username', user.username);
    refresh.payload.set('is_staff', user.is_staff);
  }
  const access = refresh.accessToken(ctx.state.tokenContext(ctx.nowMs));
  ctx.state.recordIssued(access.jti!, user.id, 'access');
  return { refresh: await refresh.encode(), access: await access.encode() };
}

function obtainPair(endpoint: 'obtain' | 'custom'): ViewSpec['run'] {
  return async (ctx): Promise<ViewResult> => {
    const user = login(ctx);
    return { status: 200, data: deliverRefresh(ctx, await issuePair(ctx, user, endpoint === 'custom')) };
  };
}

async function obtainSliding(ctx: ViewContext): Promise<ViewResult> {
  const user = login(ctx);
  return { status: 200, data: { token: await forUser('sliding', user, ctx).encode() } };
}

/**
 * `TokenRefreshSerializer.validate` for a refresh token as the request gave it (a string, or what a JSON
 * body held): the new access token, and with rotation the new refresh token. Throws {@link TokenError}.
 */
export async function refreshTokens(ctx: ViewContext, raw: unknown): Promise<Record<string, string>> {
  const s = ctx.state.settings;
  const tctx = ctx.state.tokenContext(ctx.nowMs);
  const token = await loadToken(raw, 'refresh', ctx);
  checkRefreshUser(ctx, token);
  const userId = issuedUser(ctx, token);
  const access = token.accessToken(tctx);
  if (userId !== undefined) ctx.state.recordIssued(access.jti!, userId, 'access');
  const data: Record<string, string> = { access: await access.encode() };
  if (s.ROTATE_REFRESH_TOKENS) {
    if (s.BLACKLIST_AFTER_ROTATION) blacklist(ctx, token);
    token.setJti();
    token.setExp();
    token.setIat();
    lookUpOwner(ctx, token);
    if (userId !== undefined) ctx.state.recordIssued(token.jti!, userId, 'refresh');
    data.refresh = await token.encode();
  }
  return data;
}

/** `TokenClass(raw)` for what a request holds: PyJWT refuses anything but text as an invalid token. */
export function loadToken(raw: unknown, type: TokenType, ctx: ViewContext): Promise<Token> {
  if (typeof raw !== 'string') throw new TokenError(decodeFailureMessage(ctx.state.stack, false));
  return Token.load(utf8(raw), type, ctx.state.tokenContext(ctx.nowMs));
}

async function refresh(ctx: ViewContext): Promise<ViewResult> {
  const { refresh: raw } = validateCharFields(withCookieRefresh(ctx), ['refresh']);
  const data = await asInvalidToken(() => refreshTokens(ctx, raw!));
  return { status: 200, data: deliverRefresh(ctx, data) };
}

async function verify(ctx: ViewContext): Promise<ViewResult> {
  const s = ctx.state.settings;
  const { token: raw } = validateCharFields(ctx.data(), ['token']);
  return asInvalidToken(async () => {
    const token = await Token.load(utf8(raw!), 'untyped', ctx.state.tokenContext(ctx.nowMs));
    if (s.BLACKLIST_AFTER_ROTATION && token.jti !== undefined && ctx.state.blacklisted.has(token.jti)) {
      throw new ApiException(400, { non_field_errors: ['Token is blacklisted'] });
    }
    return { status: 200, data: {} };
  });
}

async function blacklistView(ctx: ViewContext): Promise<ViewResult> {
  // Logging out clears the cookie whatever the outcome, as dj-rest-auth's logout does.
  if (ctx.refreshCookie) ctx.setCookie(refreshCookie(ctx.refreshCookie, null, 0, ctx.nowMs));
  const { refresh: raw } = validateCharFields(withCookieRefresh(ctx), ['refresh']);
  return asInvalidToken(async () => {
    blacklist(ctx, await Token.load(utf8(raw!), 'refresh', ctx.state.tokenContext(ctx.nowMs)));
    return { status: 200, data: {} };
  });
}

async function slidingRefresh(ctx: ViewContext): Promise<ViewResult> {
  const s = ctx.state.settings;
  const { token: raw } = validateCharFields(ctx.data(), ['token']);
  return asInvalidToken(async () => {
    const token = await Token.load(utf8(raw!), 'sliding', ctx.state.tokenContext(ctx.nowMs));
    token.checkExp(s.SLIDING_TOKEN_REFRESH_EXP_CLAIM);
    token.setExp();
    token.setIat();
    return { status: 200, data: { token: await token.encode() } };
  });
}

const CREDENTIALS = [{ name: 'username' }, { name: 'password' }];

function tokenView(
  endpoint: EndpointName,
  name: string,
  description: string,
  fields: ViewSpec['fields'],
  run: ViewSpec['run'],
): ViewSpec {
  return { endpoint, name, description, allowed: POST_ONLY, authenticate: false, permission: 'none', fields, run };
}

/** SimpleJWT's token views, keyed by endpoint. */
export const TOKEN_VIEWS: readonly ViewSpec[] = [
  tokenView(
    'obtain',
    'Token Obtain Pair',
    'Takes a set of user credentials and returns an access and refresh JSON web\ntoken pair to prove the authentication of those credentials.',
    CREDENTIALS,
    obtainPair('obtain'),
  ),
  tokenView(
    'custom',
    'Token Obtain Pair',
    'Takes a set of user credentials and returns an access and refresh JSON web\ntoken pair to prove the authentication of those credentials.',
    CREDENTIALS,
    obtainPair('custom'),
  ),
  tokenView(
    'refresh',
    'Token Refresh',
    'Takes a refresh type JSON web token and returns an access type JSON web\ntoken if the refresh token is valid.',
    [{ name: 'refresh' }, { name: 'access', readOnly: true }],
    refresh,
  ),
  tokenView(
    'verify',
    'Token Verify',
    "Takes a token and indicates if it is valid.  This view provides no\ninformation about a token's fitness for a particular use.",
    [{ name: 'token' }],
    verify,
  ),
  tokenView(
    'blacklist',
    'Token Blacklist',
    'Takes a token and blacklists it. Must be used with the\n`rest_framework_simplejwt.token_blacklist` app installed.',
    [{ name: 'refresh' }],
    blacklistView,
  ),
  tokenView(
    'slidingObtain',
    'Token Obtain Sliding',
    'Takes a set of user credentials and returns a sliding JSON web token to\nprove the authentication of those credentials.',
    CREDENTIALS,
    obtainSliding,
  ),
  tokenView(
    'slidingRefresh',
    'Token Refresh Sliding',
    "Takes a sliding JSON web token and returns a new, refreshed version if the\ntoken's refresh period has not expired.",
    [{ name: 'token' }],
    slidingRefresh,
  ),
];
