/**
 * No refresh token outlives logout (issue 9, finding 1), against the real server: logout is
 * called while a refresh is in flight (the proxy holds the server's answer), in this client or in
 * another client sharing the storage; afterwards every refresh token the server issued is
 * presented to the real refresh endpoint, and every one must be rejected.
 */
import { describe, expect, it } from 'vitest';
import { faults } from '../support/counting-proxy.js';
import {
  ROTATING,
  type RealServer,
  type TestClient,
  USERS,
  settle,
  sleep,
  until,
  useRealServer,
} from '../support/real-server.js';
import { accepted, probeRefreshTokens } from '../support/real-server-probe.js';

/** Milliseconds between the start of the refresh and the call to logout. */
const TIMINGS = [0, 5, 10, 20, 40];
/** How long the proxy holds the refresh answer: longer than every timing, so logout always overlaps it. */
const HOLD_MS = 80;

/**
 * Starts a refresh in `refresher` (its answer held by the proxy), calls `logout` on `leaver`
 * `afterMs` later, and returns the probe of every issued refresh token: once as soon as logout
 * resolved, and again once the refresh and every request have settled.
 */
async function logoutDuringRefresh(server: RealServer, refresher: TestClient, leaver: TestClient, afterMs: number) {
  const { proxy } = server;
  proxy.inject('refresh', faults.delay(HOLD_MS), 1);
  const refreshing = settle(refresher.auth.refresh());
  await sleep(afterMs);
  const logout = await settle(leaver.auth.logout());
  const atLogout = await probeRefreshTokens(proxy.upstream, proxy.issued);
  await refreshing;
  await proxy.quiet();
  const afterwards = await probeRefreshTokens(proxy.upstream, proxy.issued);
  return { logout, probes: [...atLogout, ...afterwards], issued: proxy.issued.length };
}

/** Asserts that `clients` are logged out with empty storage. */
async function expectLoggedOut(clients: TestClient[]): Promise<void> {
  for (const client of clients) {
    expect(client.auth.getState().status).toBe('unauthenticated');
    expect(await client.stored()).toBeNull();
  }
}

describe('logout with this client’s refresh in flight (rotation + blacklist)', () => {
  const server = useRealServer(ROTATING);

  for (const afterMs of TIMINGS) {
    it(`logout ${afterMs} ms after the refresh started: every refresh token the server issued is rejected`, async () => {
      const client = server.client();
      await client.auth.login(USERS.alice);
      const { logout, probes, issued } = await logoutDuringRefresh(server, client, client, afterMs);
      expect(logout).toEqual({ ok: true, value: undefined });
      expect(accepted(probes), `${issued} issued; ${server.proxy.log()}`).toEqual([]);
      expect(server.proxy.count('refresh')).toBe(1);
      await expectLoggedOut([client]);
    });
  }
});

describe('logout with another client’s refresh in flight (two clients on one storage, rotation + blacklist)', () => {
  const server = useRealServer(ROTATING);

  for (const afterMs of TIMINGS) {
    it(`logout in A ${afterMs} ms after B started a refresh: every refresh token the server issued is rejected`, async () => {
      const a = server.client();
      const b = server.client({ storage: a.storage });
      await a.auth.login(USERS.alice);
      await until(() => b.auth.getState().status === 'authenticated', 5_000, 'B to adopt the login');
      const { logout, probes, issued } = await logoutDuringRefresh(server, b, a, afterMs);
      expect(logout).toEqual({ ok: true, value: undefined });
      expect(accepted(probes), `${issued} issued; ${server.proxy.log()}`).toEqual([]);
      expect(server.proxy.count('refresh')).toBe(1);
      await expectLoggedOut([a, b]);
    });
  }
});

describe('logout with a refresh in flight, without rotation', () => {
  const server = useRealServer();

  for (const afterMs of [0, 20]) {
    it(`logout ${afterMs} ms after the refresh started: the one refresh token is rejected`, async () => {
      const client = server.client();
      await client.auth.login(USERS.alice);
      const { logout, probes, issued } = await logoutDuringRefresh(server, client, client, afterMs);
      expect(issued).toBe(1);
      expect(logout).toEqual({ ok: true, value: undefined });
      expect(accepted(probes), `${issued} issued; ${server.proxy.log()}`).toEqual([]);
      await expectLoggedOut([client]);
    });
  }
});
