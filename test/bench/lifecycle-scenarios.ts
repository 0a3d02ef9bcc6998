/**
 * Session-lifecycle measurements on the deterministic fake token server and virtual time:
 * refreshes while idle, refresh cadence under continuous use, and refresh tokens still alive after
 * a logout that raced a refresh. Shared by the bench and the exact-count tests.
 */
import { alice, createWorld, useContinuously } from '../support/world.js';

/** Refresh requests sent by a logged-in client that nothing uses, over `lifetimes` access lifetimes. */
export async function idleRefreshes(lifetimes = 10, lifetimeS = 300): Promise<number> {
  const env = createWorld({ fake: { accessLifetime: lifetimeS, rotate: true, blacklistAfterRotation: true } });
  const auth = env.client();
  await auth.ready;
  await auth.login(alice);
  await env.world.advance(lifetimes * lifetimeS * 1000);
  const refreshes = env.refreshes();
  env.teardown();
  return refreshes;
}

/** What continuous use of `lifetimeS`-second tokens costs. */
export interface CadenceResult {
  lifetimeS: number;
  lifetimes: number;
  refreshes: number;
  perLifetime: number;
  failedCalls: number;
  unauthorized: number;
}

/** Calls `api/me/` 20 times per lifetime for `lifetimes` lifetimes, with rotation. */
export async function cadence(lifetimeS: number, lifetimes = 20): Promise<CadenceResult> {
  const env = createWorld({ fake: { accessLifetime: lifetimeS, rotate: true, blacklistAfterRotation: true } });
  const auth = env.client();
  await auth.ready;
  await auth.login(alice);
  const failedCalls = await useContinuously(env.world, auth, lifetimes * lifetimeS * 1000, (lifetimeS * 1000) / 20);
  const result = {
    lifetimeS,
    lifetimes,
    refreshes: env.refreshes(),
    perLifetime: env.refreshes() / lifetimes,
    failedCalls,
    unauthorized: env.unauthorized(),
  };
  env.teardown();
  return result;
}

/** Refresh tokens the server still accepts after a logout `atMs` into a refresh whose answer takes `latencyMs`. */
export interface RaceResult {
  where: 'this tab' | 'another tab';
  atMs: number;
  issued: number;
  alive: number;
}

/**
 * Logs out `atMs` (virtual) after a refresh started — in this tab or in another tab sharing the
 * storage — while the server takes `latencyMs` to answer, with rotation and blacklisting; then
 * counts every refresh token the server issued that it still accepts.
 */
export async function logoutRace(where: RaceResult['where'], atMs: number, latencyMs = 20): Promise<RaceResult> {
  const env = createWorld({ fake: { rotate: true, blacklistAfterRotation: true } });
  // The server processes at once; the answer arrives `latencyMs` later.
  const slow = (platform: typeof env.world) =>
    platform.fork({
      fetch: async (input, init) => {
        const answer = await env.fake!.fetch(input, init);
        await new Promise<void>((resolve) => platform.timers.setTimeout(resolve, latencyMs));
        return answer;
      },
    });
  const tabA = env.client({}, slow(env.world));
  const tabB = env.client({}, slow(env.world.fork()));
  await Promise.all([tabA.ready, tabB.ready]);
  // Every answer takes virtual time: start each call, then let the clock run.
  const login = tabA.login(alice);
  await env.world.advance(latencyMs + 1);
  await login;
  await env.world.advance(latencyMs);
  const refreshing = (where === 'this tab' ? tabA : tabB).refresh().catch(() => undefined);
  await env.world.advance(atMs);
  const loggingOut = tabA.logout().catch(() => undefined);
  await env.world.advance(100 * latencyMs);
  await Promise.all([refreshing, loggingOut]);
  const issued = env.fake!.issuedRefreshTokens();
  const result = { where, atMs, issued: issued.length, alive: issued.filter((t) => env.fake!.accepts(t)).length };
  env.teardown();
  return result;
}
