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
  // JSON.stringify leaves out the undefined fields.
  return JSON.stringify({
    v: version,
    access: session.access?.raw,
    refresh: session.refresh?.raw,
    offset: Math.round(session.offsetMs),
    at: Math.round(session.receivedAtMs),
  });
}

const finiteOrZero = (value: unknown): number => (Number.isFinite(value) ? (value as number) : 0);

/**
 * Parses a stored session; throws {@link InvalidTokenError} for a corrupted or foreign value.
 * `allowEmpty`: in httpOnly-cookie mode over split storage the persisted record holds no token at all.
 */
export function decodeSession<C extends object>(value: string, allowEmpty = false): Session<C> {
  let record: Record<string, unknown> | null = null;
  try {
    record = JSON.parse(value) as Record<string, unknown> | null;
  } catch {
    // Reported below like any other foreign value.
  }
  if (record?.v !== version) throw new InvalidTokenError('Not a simplejwt-client session');
  const refresh = record.refresh === undefined ? null : decodeToken(record.refresh, 'stored refresh');
  // Split storage persists the refresh token alone: the access token is then fetched by a refresh.
  const access =
    record.access === undefined && (refresh || allowEmpty) ? null : decodeToken<C>(record.access, 'stored access');
  return { access, refresh, offsetMs: finiteOrZero(record.offset), receivedAtMs: finiteOrZero(record.at) };
}

/**
 * Builds a session from a token endpoint's JSON `body`. `accessField` is `access`, or `token` for
 * sliding tokens. `expectRefresh`: whether the body must (`required`), may (`optional`) or cannot
 * usefully (`ignore`: sliding or cookie mode) carry a refresh token. `isLogin`: login responses
 * carry freshly issued tokens, refresh responses may not (see below). `previous` supplies the
 * refresh token when the server did not rotate it, and the clock offset when no token in the
 * response has a fresh `iat`. Throws {@link InvalidResponseError} so that a bad response never
 * replaces a good session.
 */
export function sessionFromResponse<C extends object>(
  body: Record<string, unknown>,
  accessField: 'access' | 'token',
  expectRefresh: 'required' | 'optional' | 'ignore',
  isLogin: boolean,
  clientNowMs: number,
  previous: Session | null,
): Session<C> {
  try {
    const access = decodeToken<C>(body[accessField], accessField);
    const hasRefresh = expectRefresh !== 'ignore' && body.refresh !== undefined;
    if (expectRefresh === 'required' && !hasRefresh) throw new InvalidTokenError('No refresh token');
    const refresh = hasRefresh ? decodeToken(body.refresh, 'refresh') : (previous?.refresh ?? null);
    // An access token made by refresh keeps the refresh token's iat, so only a token issued
    // just now (a new refresh token, a login pair, a sliding token) measures the offset.
    const fresh = hasRefresh ? refresh : accessField === 'token' || isLogin ? access : null;
    const offsetMs = (fresh && measureClockOffset(fresh, clientNowMs)) ?? previous?.offsetMs ?? 0;
    return { access, refresh, offsetMs, receivedAtMs: clientNowMs + offsetMs };
  } catch (error) {
    if (isSimpleJwtClientError(error) && error.code === 'invalid_token') {
      throw new InvalidResponseError(`Unusable token response: ${error.message}`, { cause: error });
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

/** Whether the access token is due for refresh at `clientNowMs` (see {@link refreshDueAt}). */
export function isDue(session: Session, leewayMs: number, clientNowMs: number): boolean {
  return clientNowMs >= refreshDueAt(session, leewayMs);
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
