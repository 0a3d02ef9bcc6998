/**
 * Refresh cadence under continuous use (issue 9, finding 6): with 2 s and 3 s access tokens, with
 * rotation and without, a busy client refreshes at most 1.5 times per access lifetime and no call
 * fails. (The lifetime has to be read from the tokens' own claims, not from receipt time against
 * a whole-second `iat`.) Each configuration has its own server; they start and run concurrently.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ROTATING, type StartedRealServer, USERS, startRealServer } from '../support/real-server.js';
import { refreshRate, useContinuously } from '../support/real-server-checks.js';

/** Continuous use lasts this many access lifetimes. */
const LIFETIMES = 4;
const CONFIGS = [2, 3].flatMap((lifetimeS) => [true, false].map((rotation) => ({ lifetimeS, rotation })));
const servers: StartedRealServer[] = [];

beforeAll(async () => {
  const started = await Promise.allSettled(
    CONFIGS.map(({ lifetimeS, rotation }) =>
      startRealServer({ ...(rotation ? ROTATING : {}), SJWT_ACCESS_TOKEN_LIFETIME: String(lifetimeS) }),
    ),
  );
  for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

describe('continuous use', () => {
  for (const [index, { lifetimeS, rotation }] of CONFIGS.entries()) {
    it.concurrent(`${lifetimeS} s access tokens, ${rotation ? 'rotation + blacklist' : 'no rotation'}: ${LIFETIMES} lifetimes of calls, ≤ 1.5 refreshes per lifetime, no failed call`, async ({
      expect,
    }) => {
      const server = servers[index]!;
      const { auth } = server.client();
      await auth.login(USERS.alice);
      const usage = await useContinuously(server.proxy, auth, LIFETIMES * lifetimeS * 1000);
      const { rate, summary } = refreshRate(usage, lifetimeS * 1000);
      console.info(`cadence, ${lifetimeS} s, ${rotation ? 'rotation' : 'no rotation'}: ${summary}`);
      expect.soft(usage.failed, summary).toEqual([]);
      expect(rate, summary).toBeLessThanOrEqual(1.5);
    });
  }
});
