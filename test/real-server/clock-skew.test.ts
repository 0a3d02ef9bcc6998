/**
 * A wrong device clock does not make the client refresh on every request (issue 9, finding 5):
 * SimpleJWT's default configuration (no rotation, so refresh answers carry only an access token
 * whose `iat` is the refresh token's), a device clock one hour ahead or behind, continuous use for
 * about 5 access lifetimes: at most 1.5 refreshes per lifetime and no failed call, and the same
 * after a reload (a new client on the same storage) with the clock still off. Both directions run
 * concurrently, each behind a proxy of its own.
 */
import { memoryStorage } from '@simplejwt-client/core';
import { describe, it } from 'vitest';
import { USERS, useRealServer } from '../support/real-server.js';
import { refreshRate, useContinuously } from '../support/real-server-checks.js';

const ACCESS_MS = 2_000;
const USE_MS = 5 * ACCESS_MS;
const server = useRealServer({ SJWT_ACCESS_TOKEN_LIFETIME: '2' });

describe('a device clock one hour off, SimpleJWT’s default configuration', () => {
  for (const [label, skewMs] of [
    ['ahead', 3_600_000],
    ['behind', -3_600_000],
  ] as const) {
    it.concurrent(`one hour ${label}: ≤ 1.5 refreshes per access lifetime and no failed call, before and after a reload`, async ({
      expect,
      onTestFinished,
    }) => {
      const { proxy, client } = await server.isolated(onTestFinished);
      const storage = memoryStorage();
      const clock = { now: () => Date.now() + skewMs };
      const first = client({ storage, platform: { clock } });
      await first.auth.login(USERS.alice);
      const before = await useContinuously(proxy, first.auth, USE_MS);
      first.auth.destroy();

      const reloaded = client({ storage, platform: { clock } });
      await reloaded.auth.ready;
      expect(reloaded.auth.getState().status).toBe('authenticated');
      const after = await useContinuously(proxy, reloaded.auth, USE_MS);

      for (const [phase, usage] of [
        ['before the reload', before],
        ['after the reload', after],
      ] as const) {
        const { rate, summary } = refreshRate(usage, ACCESS_MS);
        console.info(`clock one hour ${label}, ${phase}: ${summary}`);
        expect.soft(usage.failed, `${phase}: ${summary}`).toEqual([]);
        expect.soft(rate, `${phase}: ${summary}`).toBeLessThanOrEqual(1.5);
      }
    });
  }
});
