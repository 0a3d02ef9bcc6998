import { InvalidResponseError, InvalidTokenError, isSimpleJwtClientError } from './errors.js';
import { type ClockOffset, observeIssue, unknownOffset } from './server-clock.js';
import type { Session } from './session.js';
import { type DecodedToken, decodeToken } from './tokens.js';

/** The stored form's version: 2 keeps the offset's bounds and the lifetime (1, a single offset, reads as a foreign value). */
const version = 2;

/** Serializes a session for storage and other tabs. */
export function encodeSession(session: Session): string {
  const { lo, hi, at } = session.clock;
  // JSON.stringify leaves out the undefined fields.
  return JSON.stringify({
    v: version,
    access: session.access?.raw,
    refresh: session.refresh?.raw,
    clock: [Math.round(lo), Math.round(hi), Math.round(at)],
    life: Math.round(session.lifetimeMs),
  });
}

const finite = (value: unknown, fallback = 0): number => (Number.isFinite(value) ? (value as number) : fallback);

/** A lifetime from the token's own claims when nothing better is known (it overestimates for tokens made by refresh). */
const lifetimeFromClaims = (token: DecodedToken | null): number => {
  const iat = token?.claims.iat;
  return token && typeof iat === 'number' ? Math.max(0, token.expMs - iat * 1000) : 0;
};

function decodeClock(record: Record<string, unknown>): ClockOffset {
  const [lo, hi, at] = Array.isArray(record.clock) ? record.clock : [];
  return Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi ? { lo, hi, at: finite(at) } : unknownOffset;
}

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
  const lifetimeMs = finite(record.life) > 0 ? finite(record.life) : lifetimeFromClaims(access);
  return { access, refresh, clock: decodeClock(record), lifetimeMs };
}

/** When a request to a token endpoint went out and its answer came back (device clock, ms). */
export interface Exchange {
  sentAt: number;
  receivedAt: number;
}

/**
 * The access lifetime, and the second (server clock) in which the response's tokens were issued.
 * Login pairs and sliding tokens are stamped now; a rotated refresh token too. An access token made
 * by refresh copies the refresh token's `iat`, but its `exp` is fresh (`floor(now) + lifetime`), so
 * it was issued in the second starting at `exp − lifetime`.
 */
function issueOf(
  access: DecodedToken,
  rotated: DecodedToken | null,
  fresh: boolean,
  previous: Session | null,
): { lifetimeMs: number; issuedFromMs: number | undefined } {
  const iatMs = (token: DecodedToken): number | undefined =>
    typeof token.claims.iat === 'number' ? token.claims.iat * 1000 : undefined;
  if (fresh) return { lifetimeMs: lifetimeFromClaims(access), issuedFromMs: iatMs(access) };
  const issuedFromMs = rotated ? iatMs(rotated) : undefined;
  const lifetimeMs =
    previous?.lifetimeMs ||
    (issuedFromMs === undefined ? lifetimeFromClaims(access) : Math.max(0, access.expMs - issuedFromMs));
  return { lifetimeMs, issuedFromMs: issuedFromMs ?? (lifetimeMs > 0 ? access.expMs - lifetimeMs : undefined) };
}

/**
 * Builds a session from a token endpoint's JSON `body`. `accessField` is `access`, or `token` for
 * sliding tokens. `expectRefresh`: whether the body must (`required`), may (`optional`) or cannot
 * usefully (`ignore`: sliding or cookie mode) carry a refresh token. `isLogin`: login responses
 * carry freshly issued tokens. `previous` supplies the refresh token when the server did not
 * rotate it, and the offset and lifetime measured so far. Throws {@link InvalidResponseError} so
 * that a bad response never replaces a good session.
 */
export function sessionFromResponse<C extends object>(
  body: Record<string, unknown>,
  accessField: 'access' | 'token',
  expectRefresh: 'required' | 'optional' | 'ignore',
  isLogin: boolean,
  exchange: Exchange,
  previous: Session | null,
): Session<C> {
  try {
    const access = decodeToken<C>(body[accessField], accessField);
    const hasRefresh = expectRefresh !== 'ignore' && body.refresh !== undefined;
    if (expectRefresh === 'required' && !hasRefresh) throw new InvalidTokenError('No refresh token');
    const refresh = hasRefresh ? decodeToken(body.refresh, 'refresh') : (previous?.refresh ?? null);
    const { lifetimeMs, issuedFromMs } = issueOf(
      access,
      hasRefresh ? refresh : null,
      isLogin || accessField === 'token',
      previous,
    );
    const clock =
      issuedFromMs === undefined
        ? (previous?.clock ?? unknownOffset)
        : observeIssue(previous?.clock ?? null, issuedFromMs, exchange.sentAt, exchange.receivedAt);
    return { access, refresh, clock, lifetimeMs };
  } catch (error) {
    if (isSimpleJwtClientError(error) && error.code === 'invalid_token') {
      throw new InvalidResponseError(`Unusable token response: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
