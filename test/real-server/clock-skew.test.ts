/**
 * A wrong device clock does not make the client refresh on every request (issue 9, finding 5):
 * SimpleJWT's default configuration (no rotation, so refresh answers carry only an access token
 * whose `iat` is the refresh token's), a device clock one hour ahead or behind, continuous use for
 * about 5 access lifetimes: at most 1.5 refreshes per lifetime and no failed call, and the same
 * after a reload (a new client on the same storage) with the clock still off. The clock is either
 * off from the start, or jumps after the login (the finding: the offset measured at login was
 * never measured again, and it was stored, so every token looked due, before and after a reload).
 * All four cases run concurrently, each behind a proxy of its own.
 */
import { memoryStorage } from '@simplejwt-client/core';
import { describe, it } from 'vitest';
import { USERS, useRealServer } from '../support/real-server.js';
import { refreshRate, useContinuously } from '../support/real-server-checks.js';

const ACCESS_MS = 2_000;
const USE_MS = 5 * ACCESS_MS;
const server = useRealServer({ SJWT_ACCESS_TOKEN_LIFETIME: '2' });

describe('a device clock one hour off, SimpleJWT’s default configuration', () => {
  for (const [label, skewMs, when] of [
    ['ahead', 3_600_000, 'from the start'],
    ['behind', -3_600_000, 'from the start'],
    ['ahead', 3_600_000, 'after the login'],
    ['behind', -3_600_000, 'after the login'],
  ] as const) {
    it.concurrent(`one hour ${label} ${when}: ≤ 1.5 refreshes per access lifetime and no failed call, before and after a reload`, async ({
      expect,
      onTestFinished,
    }) => {
      const { proxy, client } = await server.isolated(onTestFinished);
      const storage = memoryStorage();
      let offMs = when === 'from the start' ? skewMs : 0;
      const clock = { now: () => Date.now() + offMs };
      const first = client({ storage, platform: { clock } });
      await first.auth.login(USERS.alice);
      offMs = skewMs;
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
        console.info(`clock one hour ${label} ${when}, ${phase}: ${summary}`);
        expect.soft(usage.failed, `${phase}: ${summary}`).toEqual([]);
        expect.soft(rate, `${phase}: ${summary}`).toBeLessThanOrEqual(1.5);
      }
    });
  }
});
