import { InvalidResponseError, InvalidTokenError, isSimpleJwtClientError } from './errors.js';
import { decodeToken, measureClockOffset, type DecodedToken } from './tokens.js';

/** A decoded session. Tokens are decoded once here, at receipt or when read from storage. */
export interface Session<C extends object = object> {
  /** The access token (the sliding token in sliding mode); null when only the refresh token was kept (split storage). */
  readonly access: DecodedToken<C> | null;
  /** The refresh token; null in sliding and httpOnly-cookie modes. */
  readonly refresh: DecodedToken | null;
  /** Server clock minus this device's clock, in ms. */
  readonly offsetMs: number;
  /** When the access token was received, in server-clock ms: its lifetime bounds the refresh leeway. */
  readonly receivedAtMs: number;
}

/** The session's identity across tabs: whichever token the next refresh would present. */
export function sessionKey(session: Session | null): string | null {
  return session ? (session.refresh?.raw ?? session.access?.raw ?? null) : null;
}

const version = 1;

/** Serializes a session for storage and other tabs. */
export function encodeSession(session: Session): string {
  return JSON.stringify({
    v: version,
    ...(session.access ? { access: session.access.raw } : {}),
    ...(session.refresh ? { refresh: session.refresh.raw } : {}),
    offset: Math.round(session.offsetMs),
    at: Math.round(session.receivedAtMs),
  });
}

/**
 * Parses a stored session; throws {@link InvalidTokenError} for a corrupted or foreign value.
 * `allowEmpty`: in httpOnly-cookie mode over split storage the persisted record holds no token at all.
 */
export function decodeSession<C extends object>(value: string, allowEmpty = false): Session<C> {
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch (error) {
    throw new InvalidTokenError('The stored session is not JSON', error);
  }
  if (typeof data !== 'object' || data === null || (data as { v?: unknown }).v !== version) {
    throw new InvalidTokenError('The stored value is not a simplejwt-client session');
  }
  const record = data as Record<string, unknown>;
  const offsetMs = typeof record.offset === 'number' && Number.isFinite(record.offset) ? record.offset : 0;
  const refresh = record.refresh === undefined ? null : decodeToken(record.refresh, 'stored refresh');
  // Split storage persists the refresh token alone: the access token is then fetched by a refresh.
  const access = record.access === undefined && (refresh || allowEmpty) ? null : decodeToken<C>(record.access, 'stored access');
  return {
    access,
    refresh,
    offsetMs,
    receivedAtMs: typeof record.at === 'number' && Number.isFinite(record.at) ? record.at : 0,
  };
}

/** What a token endpoint returned, as the client understands it. */
export interface TokenResponse {
  body: Record<string, unknown>;
  /** Which field holds the access token: `access`, or `token` for sliding tokens. */
  accessField: 'access' | 'token';
  /** Whether a refresh token is expected in the body (pair mode, refresh token not in a cookie). */
  expectRefresh: 'required' | 'optional' | 'ignore';
  /** Login responses carry freshly issued tokens; refresh responses may not (see below). */
  kind: 'login' | 'refresh';
}

/**
 * Builds a session from a token response. `previous` supplies the refresh token when the server
 * did not rotate it, and the clock offset when no token in the response has a fresh `iat`.
 * Throws {@link InvalidResponseError} so that a bad response never replaces a good session.
 */
export function sessionFromResponse<C extends object>(
  response: TokenResponse,
  clientNowMs: number,
  previous: Session | null,
): Session<C> {
  try {
    const access = decodeToken<C>(response.body[response.accessField], response.accessField);
    const hasRefresh = response.expectRefresh !== 'ignore' && response.body.refresh !== undefined;
    if (response.expectRefresh === 'required' && !hasRefresh) {
      throw new InvalidTokenError("The response has no 'refresh' token");
    }
    const refresh = hasRefresh ? decodeToken(response.body.refresh, 'refresh') : (previous?.refresh ?? null);
    // An access token made by refresh keeps the refresh token's iat, so only a token issued
    // just now (a new refresh token, a login pair, a sliding token) measures the offset.
    const fresh = hasRefresh ? refresh : response.accessField === 'token' || response.kind === 'login' ? access : null;
    const offsetMs = (fresh && measureClockOffset(fresh, clientNowMs)) ?? previous?.offsetMs ?? 0;
    return { access, refresh, offsetMs, receivedAtMs: clientNowMs + offsetMs };
  } catch (error) {
    if (isSimpleJwtClientError(error) && error.code === 'invalid_token') {
      throw new InvalidResponseError(`The server's token response is unusable: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** Server time now, as this device estimates it. */
export function serverNow(session: Session, clientNowMs: number): number {
  return clientNowMs + session.offsetMs;
}

/**
 * When (client clock) the access token is due for refresh: `leewayMs` before expiry, but never
 * more than half its lifetime, so short-lived tokens are not refreshed in a loop.
 */
export function refreshDueAt(session: Session, leewayMs: number): number {
  if (!session.access) return Number.NEGATIVE_INFINITY;
  const lifetime = Math.max(0, session.access.expMs - session.receivedAtMs);
  return session.access.expMs - Math.min(leewayMs, lifetime / 2) - session.offsetMs;
}

/** Whether the refresh credential can still be used, as far as the client can tell. */
export function canRefresh(session: Session, clientNowMs: number, sliding: boolean): boolean {
  const now = serverNow(session, clientNowMs);
  if (sliding) {
    // SimpleJWT rejects a sliding token past its own exp even inside the refresh window.
    if (!session.access) return false;
    const refreshExp = session.access.claims.refresh_exp;
    return now < session.access.expMs && (typeof refreshExp !== 'number' || now < refreshExp * 1000);
  }
  return session.refresh ? now < session.refresh.expMs : true;
}
