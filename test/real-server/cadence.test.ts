/**
 * Refresh cadence under continuous use (issue 9, finding 6): with 2 s and 3 s access tokens, with
 * rotation and without, a busy client refreshes at most 1.5 times per access lifetime and no call
 * fails. (The lifetime has to be read from the tokens' own claims, not from receipt time against
 * a whole-second `iat`.)
 */
import { describe, expect, it } from 'vitest';
import { ROTATING, USERS, refreshesPerLifetime, useContinuously, useRealServer } from '../support/real-server.js';

/** Continuous use lasts this many access lifetimes. */
const LIFETIMES = 4;

for (const lifetimeS of [2, 3]) {
  for (const rotation of [true, false]) {
    describe(`${lifetimeS} s access tokens, ${rotation ? 'rotation + blacklist' : 'no rotation'}`, () => {
      const server = useRealServer({
        ...(rotation ? ROTATING : {}),
        SJWT_ACCESS_TOKEN_LIFETIME: String(lifetimeS),
      });

      it(`continuous use for ${LIFETIMES} lifetimes: ≤ 1.5 refreshes per lifetime, no failed call`, async () => {
        const { auth } = server.client();
        await auth.login(USERS.alice);
        const usage = await useContinuously(server, auth, LIFETIMES * lifetimeS * 1000);
        const rate = refreshesPerLifetime(usage, lifetimeS * 1000);
        const summary = `${usage.refreshes} refreshes, ${usage.calls} calls in ${usage.ms} ms (${rate.toFixed(2)} per lifetime)`;
        expect.soft(usage.failed, summary).toEqual([]);
        expect(rate, summary).toBeLessThanOrEqual(1.5);
      });
    });
  }
}
