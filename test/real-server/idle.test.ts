/**
 * Proactive refresh only while the session is in use (issue 9, finding 4). With rotation,
 * 2 s access and 6 s refresh tokens, an idle client (no request, no `getAccessToken()`) sends no
 * refresh, so `REFRESH_TOKEN_LIFETIME` works as the server's inactivity timeout: before it, the
 * next request refreshes first (no 401); past it, the next request finds the session ended.
 * `keepAlive: true` brings back refreshing while idle.
 */
import { describe, expect, it } from 'vitest';
import { ROTATING, USERS, errorView, settle, sleep, useRealServer } from '../support/real-server.js';

const ACCESS_MS = 2_000;
const server = useRealServer({ ...ROTATING, SJWT_ACCESS_TOKEN_LIFETIME: '2', SJWT_REFRESH_TOKEN_LIFETIME: '6' });

/** The proxy's log from entry `from` on, as `endpoint status` lines. */
const requestsSince = (from: number): string[] =>
  server.proxy.entries.slice(from).map((entry) => `${entry.endpoint} ${entry.status}`);

describe('an idle client', () => {
  it('idle for 2 access lifetimes sends no refresh; its next request refreshes first, then succeeds without a 401', async () => {
    const { auth } = server.client();
    await auth.login(USERS.alice);
    const mark = server.proxy.entries.length;
    await sleep(2 * ACCESS_MS);
    expect.soft(requestsSince(mark), 'requests while idle').toEqual([]);
    const response = await auth.fetch('api/me/');
    expect(response.status).toBe(200);
    expect(requestsSince(mark), server.proxy.log()).toEqual(['refresh 200', 'api 200']);
  });

  it('idle past the refresh lifetime (3.5 access lifetimes) sends no refresh; its next request finds the session ended, once', async () => {
    const client = server.client();
    await client.auth.login(USERS.alice);
    const mark = server.proxy.entries.length;
    await sleep(3.5 * ACCESS_MS);
    expect.soft(requestsSince(mark), 'requests while idle').toEqual([]);
    const idleEnd = server.proxy.entries.length;
    const outcome = await settle(client.auth.fetch('api/me/'));
    expect(outcome.ok ? `resolved HTTP ${outcome.value.status}` : errorView(outcome.error)).toMatchObject({
      name: 'SessionExpiredError',
      code: 'session_expired',
    });
    expect(client.auth.getState().status).toBe('unauthenticated');
    expect(await client.stored()).toBeNull();
    // Either the client knew the refresh token had expired, or the server said so once: no loop.
    await sleep(ACCESS_MS);
    expect([[], ['refresh 401']], server.proxy.log()).toContainEqual(requestsSince(idleEnd));
  });

  it('with keepAlive: true, an idle client refreshes before each expiry and outlives the refresh lifetime', async () => {
    const { auth } = server.client({ keepAlive: true });
    await auth.login(USERS.alice);
    const mark = server.proxy.entries.length;
    await sleep(3.5 * ACCESS_MS);
    // Staying valid for 7 s on 2 s access tokens takes a refresh before each of the 3 expiries.
    expect(server.proxy.count('refresh', 200), server.proxy.log()).toBeGreaterThanOrEqual(3);
    expect((await auth.fetch('api/me/')).status).toBe(200);
    expect(requestsSince(mark).filter((line) => !line.startsWith('refresh'))).toEqual(['api 200']);
    expect(auth.getState().status).toBe('authenticated');
  });
});
