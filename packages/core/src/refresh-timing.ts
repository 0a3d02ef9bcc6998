import { offsetOf, uncertaintyOf } from './server-clock.js';
import type { Session } from './session.js';

/** When to stop handing out a session's access token, and when to send the refresh that replaces it (device clock, ms). */
export interface RefreshPlan {
  /** From here on the access token is not handed out: callers wait for the refresh. */
  readonly dueAt: number;
  /** When the refresh request goes out (≥ `dueAt`). */
  readonly sendAt: number;
}

/**
 * Plans the refresh of `session`'s access token. SimpleJWT stamps `exp` as `floor(now) + lifetime`,
 * so a refresh that reaches the server just after a whole second gains the most: the plan sends it
 * `refreshLeeway` before expiry (at most a quarter of the lifetime), rounded up to the next whole
 * server second. For lifetimes of a few seconds that rounding lands at expiry itself: the refresh
 * then goes out just after `exp` while callers wait from shortly before it, which costs them a
 * fraction of a second and halves the refreshes of 2-second tokens.
 */
export function planRefresh(session: Session, leewayMs: number, sliding: boolean): RefreshPlan {
  const access = session.access;
  if (!access) return { dueAt: Number.NEGATIVE_INFINITY, sendAt: Number.NEGATIVE_INFINITY };
  const offset = offsetOf(session.clock);
  const exp = access.expMs;
  const leeway = Math.min(leewayMs, Math.max(0, session.lifetimeMs) / 4);
  // Callers stop using the token this long before exp, so their requests arrive before it.
  const margin = Math.min(leeway / 2, 1000);
  // Past the second boundary by more than the offset could be off.
  const epsilon = Math.min(uncertaintyOf(session.clock), 500) + 20;
  const aligned = Math.ceil((exp - leeway) / 1000) * 1000 + epsilon;
  if (aligned <= exp - margin) return { dueAt: aligned - offset, sendAt: aligned - offset };
  // A sliding token refreshes itself, so it must still be valid when it arrives.
  const late = sliding ? exp - margin : exp + epsilon;
  return { dueAt: exp - margin - offset, sendAt: late - offset };
}
