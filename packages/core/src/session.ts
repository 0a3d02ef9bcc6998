import { type ClockOffset, offsetOf } from './server-clock.js';
import type { DecodedToken } from './tokens.js';

/** A decoded session. Tokens are decoded once, at receipt or when read from storage. */
export interface Session<C extends object = object> {
  /** The access token (the sliding token in sliding mode); null when only the refresh token was kept (split storage). */
  readonly access: DecodedToken<C> | null;
  /** The refresh token; null in sliding and httpOnly-cookie modes. */
  readonly refresh: DecodedToken | null;
  /** Server clock minus this device's clock, as measured from the tokens. */
  readonly clock: ClockOffset;
  /** The access token's lifetime in ms (`ACCESS_TOKEN_LIFETIME`), from the claims of a freshly issued token; 0 when unknown. */
  readonly lifetimeMs: number;
}

/** The session's identity across tabs: whichever token the next refresh would present. */
export function sessionKey(session: Session | null): string | null {
  return session ? (session.refresh?.raw ?? session.access?.raw ?? null) : null;
}

/** Server time now, as this device estimates it. */
export function serverNow(session: Session, clientNowMs: number): number {
  return clientNowMs + offsetOf(session.clock);
}

/** Server time (ms) after which the refresh credential is dead, as far as the client can tell; Infinity when unknown (cookie mode). */
export function refreshExpiry(session: Session, sliding: boolean): number {
  if (sliding) {
    // SimpleJWT rejects a sliding token past its own exp even inside the refresh window.
    if (!session.access) return Number.NEGATIVE_INFINITY;
    const refreshExp = session.access.claims.refresh_exp;
    return Math.min(
      session.access.expMs,
      typeof refreshExp === 'number' ? refreshExp * 1000 : Number.POSITIVE_INFINITY,
    );
  }
  return session.refresh ? session.refresh.expMs : Number.POSITIVE_INFINITY;
}

/** Whether the refresh credential can still be used at `clientNowMs`, as far as the client can tell. */
export function canRefresh(session: Session, clientNowMs: number, sliding: boolean): boolean {
  return serverNow(session, clientNowMs) < refreshExpiry(session, sliding);
}
