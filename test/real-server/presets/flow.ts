/**
 * The full flow of a backend preset against its real server, in Node (issue 10, "each preset has
 * the full flow tested against its real server"): login → API calls across several refreshes →
 * reload (a new client on the same storage, no token request while the access token is valid) →
 * two clients on one storage calling across more refreshes → logout in one → both logged out →
 * every refresh token the server issued is presented to its refresh endpoint.
 */
import type { AuthEvent, Backend } from '@simplejwt-client/core';
import { expect } from 'vitest';
import type { CountingProxy } from '../../support/counting-proxy.js';
import { type RealServer, type TestClient, USERS, settle, sleep, until } from '../../support/real-server.js';
import {
  accepted,
  expectOneTokenPerRefresh,
  type ProbeResult,
  type ProbeTarget,
  probeRefreshTokens,
} from '../../support/real-server-probe.js';
import { outcomeView } from '../../support/real-server-checks.js';

/** Refreshes while the first client calls the API alone. */
export const REFRESHES_ALONE = 2;
/** Refreshes while two clients on one storage call it (after the reload's). */
export const REFRESHES_TOGETHER = 2;

/** A preset and what its server should do. */
export interface PresetFlow {
  server: RealServer;
  backend: Backend;
  /** Where the probe presents the issued tokens. */
  probe: ProbeTarget;
  /** What `login()` resolves with for alice. */
  loginExtras: Record<string, unknown>;
  /** What logout achieves on this server: `revoked`, or `not-configured` (djoser without a blacklist view). */
  revocation: 'revoked' | 'not-configured';
}

/** What the flow saw, for the test's summary line. */
export interface FlowReport {
  /** API calls made. */
  calls: number;
  /** API requests the server answered 401 (each retried after a refresh, so not a failed call). */
  retried: number;
  /** Refresh requests (all answered 200). */
  refreshes: number;
  /** Refresh tokens the server issued (login and rotations). */
  issued: number;
  /** How the refresh endpoint answered each issued token after logout. */
  probes: ProbeResult[];
}

/** Requests to token endpoints (login and refresh) so far. */
const tokenRequests = (proxy: CountingProxy): number => proxy.count('obtain') + proxy.count('refresh');

/**
 * Calls `GET api/me/` from every client (one call at a time each, 100 ms apart) until `done()`;
 * returns the number of calls and each one that did not answer 200 with alice's id.
 */
async function callUntil(clients: TestClient[], done: () => boolean, what: string) {
  let calls = 0;
  const failed: string[] = [];
  const deadline = Date.now() + 30_000;
  await Promise.all(
    clients.map(async ({ auth }) => {
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        calls += 1;
        const outcome = await settle(
          auth.fetch('api/me/').then(async (r) => ({ status: r.status, body: await r.json() })),
        );
        if (!outcome.ok || outcome.value.status !== 200 || (outcome.value.body as { id?: unknown }).id !== 1)
          failed.push(JSON.stringify(outcome.ok ? outcome.value : outcomeView(outcome)));
        await sleep(100);
      }
    }),
  );
  return { calls, failed };
}

/** The events that end a session or report a problem. */
const troubles = (events: readonly AuthEvent[]): string[] =>
  events.flatMap((e) =>
    e.type === 'session-expired' || e.type === 'configuration-error' || e.type === 'refresh-failure'
      ? [`${e.type}: ${e.error.code}`]
      : [],
  );

/** Runs the full flow for alice and asserts every step; returns counts for the test's summary. */
export async function runPresetFlow({
  server,
  backend,
  probe,
  loginExtras,
  revocation,
}: PresetFlow): Promise<FlowReport> {
  const { proxy } = server;

  // Login.
  const first = server.client({ backend });
  await first.auth.ready;
  expect(await first.auth.login(USERS.alice)).toEqual(loginExtras);
  expect(proxy.count('obtain', 200)).toBe(1);

  // API calls across several refreshes.
  const alone = await callUntil([first], () => proxy.count('refresh', 200) >= REFRESHES_ALONE, 'the refreshes');
  expect(alone.failed, proxy.log()).toEqual([]);

  // Reload: a new client on the same storage right after a refresh sends no token request.
  await first.auth.refresh();
  first.auth.destroy();
  const before = tokenRequests(proxy);
  const reloaded = server.client({ backend, storage: first.storage });
  await reloaded.auth.ready;
  expect(reloaded.auth.getState()).toMatchObject({ status: 'authenticated', claims: { user_id: 1 } });
  expect((await reloaded.auth.fetch('api/me/')).status).toBe(200);
  expect(tokenRequests(proxy) - before, proxy.log()).toBe(0);

  // Two clients on one storage, across more refreshes: one refresh at a time, no token used twice.
  const other = server.client({ backend, storage: first.storage });
  await other.auth.ready;
  expect(other.auth.getState().status).toBe('authenticated');
  expect(tokenRequests(proxy) - before, proxy.log()).toBe(0);
  const target = proxy.count('refresh', 200) + REFRESHES_TOGETHER;
  const together = await callUntil([reloaded, other], () => proxy.count('refresh', 200) >= target, 'the refreshes');
  expect(together.failed, proxy.log()).toEqual([]);

  // Logout in one: both are logged out, and the server revoked the session (or could not).
  const loggedOut = await settle(other.auth.logout());
  expect(loggedOut).toEqual({ ok: true, value: undefined });
  expect(other.events.filter((e) => e.type === 'logout-revocation')).toEqual([
    { type: 'logout-revocation', outcome: revocation },
  ]);
  await until(() => reloaded.auth.getState().status === 'unauthenticated', 5_000, 'the other client to log out');
  for (const client of [reloaded, other]) expect(await client.stored()).toBeNull();
  expect(proxy.count('blacklist'), proxy.log()).toBe(revocation === 'revoked' ? 1 : 0);
  expect(proxy.count('blacklist', 200), proxy.log()).toBe(revocation === 'revoked' ? 1 : 0);
  await proxy.quiet();

  // What the server saw: every refresh accepted, one new token per refresh. (An API call may still
  // meet a 401 when it reaches a loaded server after the token's whole-second `exp`: the client
  // then refreshes and retries, which the calls above would show as failed if it went wrong.)
  const refreshes = expectOneTokenPerRefresh(proxy);
  for (const client of [first, reloaded, other]) expect(troubles(client.events)).toEqual([]);

  // Every issued refresh token is dead; without a blacklist view the last one is not.
  const probes = await probeRefreshTokens(proxy.upstream, proxy.issued, probe);
  const alive = revocation === 'revoked' ? [] : [{ token: proxy.issued.length - 1, status: 200 }];
  expect(accepted(probes), proxy.log()).toEqual(alive);
  return {
    calls: alone.calls + together.calls + 1,
    retried: proxy.count('api', 401),
    refreshes,
    issued: proxy.issued.length,
    probes,
  };
}
