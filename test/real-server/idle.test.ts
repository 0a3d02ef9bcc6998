/**
 * Proactive refresh only while the session is in use (issue 9, finding 4). With rotation,
 * 2 s access and 6 s refresh tokens, an idle client (no request, no `getAccessToken()`) sends no
 * refresh, so `REFRESH_TOKEN_LIFETIME` works as the server's inactivity timeout: before it, the
 * next request refreshes first (no 401); past it, the session ends once (at the refresh token's
 * expiry or at the next request), and the next request finds it ended. `keepAlive: true` brings
 * back refreshing while idle. The cases run concurrently, each behind a proxy of its own.
 */
import { describe, it } from 'vitest';
import type { CountingProxy } from '../support/counting-proxy.js';
import { ROTATING, USERS, settle, sleep, useRealServer } from '../support/real-server.js';
import { outcomeView, sessionExpiredEvents } from '../support/real-server-checks.js';

const ACCESS_MS = 2_000;
const server = useRealServer({ ...ROTATING, SJWT_ACCESS_TOKEN_LIFETIME: '2', SJWT_REFRESH_TOKEN_LIFETIME: '6' });

/** `proxy`'s log from entry `from` on, as `endpoint status` lines. */
const requestsSince = (proxy: CountingProxy, from: number): string[] =>
  proxy.entries.slice(from).map((entry) => `${entry.endpoint} ${entry.status}`);

describe('an idle client', () => {
  it.concurrent('idle for 2 access lifetimes sends no refresh; its next request refreshes first, then succeeds without a 401', async ({
    expect,
    onTestFinished,
  }) => {
    const { proxy, client } = await server.isolated(onTestFinished);
    const { auth } = client();
    await auth.login(USERS.alice);
    const mark = proxy.entries.length;
    await sleep(2 * ACCESS_MS);
    expect.soft(requestsSince(proxy, mark), 'requests while idle').toEqual([]);
    const response = await auth.fetch('api/me/');
    expect(response.status).toBe(200);
    expect(requestsSince(proxy, mark), proxy.log()).toEqual(['refresh 200', 'api 200']);
  });

  it.concurrent('idle past the refresh lifetime (3.5 access lifetimes) sends no refresh; the session ends once, and the next request finds it ended', async ({
    expect,
    onTestFinished,
  }) => {
    const { proxy, client: newClient } = await server.isolated(onTestFinished);
    const client = newClient();
    await client.auth.login(USERS.alice);
    const mark = proxy.entries.length;
    await sleep(3.5 * ACCESS_MS);
    expect.soft(requestsSince(proxy, mark), 'requests while idle').toEqual([]);
    const idleEnd = proxy.entries.length;
    // The client may end the session itself when the refresh token expires (no request), or when
    // the next request needs a refresh: either way the app gets one SessionExpiredError.
    const endedWhileIdle = client.auth.getState().status === 'unauthenticated';
    const seen = outcomeView(await settle(client.auth.fetch('api/me/')));
    if (endedWhileIdle) {
      // Logged out before the call: it went out without a token, as any logged-out call does.
      expect(seen).toBe('resolved HTTP 401');
      expect(proxy.entries.slice(idleEnd).map((entry) => `${entry.endpoint} ${entry.detail}`)).toEqual([
        'api Authentication credentials were not provided.',
      ]);
    } else {
      expect(seen).toMatchObject({ name: 'SessionExpiredError', code: 'session_expired' });
      // Either the client knew the refresh token had expired, or the server said so once.
      expect([[], ['refresh 401']], proxy.log()).toContainEqual(requestsSince(proxy, idleEnd));
    }
    expect(sessionExpiredEvents(client.events)).toEqual([
      expect.objectContaining({ name: 'SessionExpiredError', code: 'session_expired' }),
    ]);
    expect(client.auth.getState().status).toBe('unauthenticated');
    expect(await client.stored()).toBeNull();
    // No loop: nothing more is sent.
    const afterCall = proxy.entries.length;
    await sleep(ACCESS_MS);
    expect(requestsSince(proxy, afterCall)).toEqual([]);
  });

  it.concurrent('with keepAlive: true, an idle client refreshes before each expiry and outlives the refresh lifetime', async ({
    expect,
    onTestFinished,
  }) => {
    const { proxy, client } = await server.isolated(onTestFinished);
    const { auth } = client({ keepAlive: true });
    await auth.login(USERS.alice);
    const mark = proxy.entries.length;
    await sleep(3.5 * ACCESS_MS);
    // Staying valid for 7 s on 2 s access tokens takes a refresh before each of the 3 expiries.
    expect(proxy.count('refresh', 200), proxy.log()).toBeGreaterThanOrEqual(3);
    expect((await auth.fetch('api/me/')).status).toBe(200);
    // The call succeeds. On a loaded machine a request sent just before a 2 s token expires can
    // reach Django just after: then it is answered 401 and retried once after the refresh.
    const calls = requestsSince(proxy, mark).filter((line) => !line.startsWith('refresh'));
    expect(calls.at(-1)).toBe('api 200');
    expect(calls.filter((line) => line === 'api 401').length).toBeLessThanOrEqual(1);
    expect(auth.getState().status).toBe('authenticated');
  });
});
