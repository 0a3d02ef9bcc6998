/**
 * The server's clock as this device sees it. SimpleJWT stamps whole seconds (`iat`, `exp`), so one
 * token says only in which second it was issued; every token the server issues narrows the offset
 * further, the way NTP intersects measurements, until it is known to a few milliseconds.
 */

/** Bounds on (server clock − device clock) in ms, as measured at device time `at`. */
export interface ClockOffset {
  readonly lo: number;
  readonly hi: number;
  readonly at: number;
}

/** How far two clocks may drift apart per ms elapsed (crystal clocks: well under 100 ppm). */
const driftPerMs = 1e-4;

/** An offset that knows nothing: what a session starts with when no token gave a time. */
export const unknownOffset: ClockOffset = { lo: 0, hi: 0, at: 0 };

/** The best estimate of (server − device) in ms: the middle of the bounds. */
export function offsetOf(clock: ClockOffset): number {
  return (clock.lo + clock.hi) / 2;
}

/** Half the width of the bounds: how far {@link offsetOf} can be off, in ms. */
export function uncertaintyOf(clock: ClockOffset): number {
  return (clock.hi - clock.lo) / 2;
}

/**
 * Narrows `previous` with a token the server issued within the second starting at `issuedFromMs`
 * (server clock), received by a request sent at device time `sentAt` and answered at `receivedAt`.
 * When the bounds disagree the device clock was changed: the old ones are dropped.
 */
export function observeIssue(
  previous: ClockOffset | null,
  issuedFromMs: number,
  sentAt: number,
  receivedAt: number,
): ClockOffset {
  const lo = issuedFromMs - receivedAt;
  const hi = issuedFromMs + 1000 - sentAt;
  if (!previous || previous === unknownOffset) return { lo, hi, at: receivedAt };
  const slack = Math.abs(receivedAt - previous.at) * driftPerMs;
  const narrowed = { lo: Math.max(lo, previous.lo - slack), hi: Math.min(hi, previous.hi + slack), at: receivedAt };
  return narrowed.lo <= narrowed.hi ? narrowed : { lo, hi, at: receivedAt };
}
