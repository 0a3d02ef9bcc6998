/**
 * A wrong device clock does not make the client refresh on every request (issue 9, finding 5):
 * SimpleJWT's default configuration (no rotation, so refresh answers carry only an access token
 * whose `iat` is the refresh token's), a device clock one hour ahead or behind, continuous use for
 * about 5 access lifetimes: at most 1.5 refreshes per lifetime and no failed call, and the same
 * after a reload (a new client on the same storage) with the clock still off.
 */
import { memoryStorage } from '@simplejwt-client/core';
import { describe, expect, it } from 'vitest';
import { USERS, refreshesPerLifetime, useContinuously, useRealServer } from '../support/real-server.js';

const ACCESS_MS = 2_000;
const USE_MS = 5 * ACCESS_MS;
const server = useRealServer({ SJWT_ACCESS_TOKEN_LIFETIME: '2' });

describe('a device clock one hour off, SimpleJWT’s default configuration', () => {
  for (const [label, skewMs] of [
    ['ahead', 3_600_000],
    ['behind', -3_600_000],
  ] as const) {
    it(`one hour ${label}: ≤ 1.5 refreshes per access lifetime and no failed call, before and after a reload`, async () => {
      const storage = memoryStorage();
      const clock = { now: () => Date.now() + skewMs };
      const first = server.client({ storage, platform: { clock } });
      await first.auth.login(USERS.alice);
      const before = await useContinuously(server, first.auth, USE_MS);
      first.auth.destroy();

      const reloaded = server.client({ storage, platform: { clock } });
      await reloaded.auth.ready;
      expect(reloaded.auth.getState().status).toBe('authenticated');
      const after = await useContinuously(server, reloaded.auth, USE_MS);

      for (const [phase, usage] of [
        ['before the reload', before],
        ['after the reload', after],
      ] as const) {
        const rate = refreshesPerLifetime(usage, ACCESS_MS);
        const summary = `${phase}: ${usage.refreshes} refreshes, ${usage.calls} calls in ${usage.ms} ms (${rate.toFixed(2)} per lifetime)`;
        expect.soft(usage.failed, summary).toEqual([]);
        expect.soft(rate, summary).toBeLessThanOrEqual(1.5);
      }
    });
  }
});
