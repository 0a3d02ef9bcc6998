/**
 * The axios entry holds every guarantee of `auth.fetch`, because it is `auth.fetch` underneath:
 * token only for the API's origins, one shared refresh for any number of 401s (also those that
 * arrive while it runs), exactly one retry, no retry of a request that carried no token, an
 * aborted or timed-out caller detached from the shared refresh.
 */
import axios, { isCancel } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { installAuth } from '../axios.js';
import { loggedIn } from './axios-support.js';

let teardown: () => void = () => {};
afterEach(() => teardown());

async function world(options: Parameters<typeof loggedIn>[0] = {}) {
  const w = await loggedIn(options);
  teardown = w.env.teardown;
  return w;
}

describe('createAuthAxios: where the token goes', () => {
  it('attaches the token to URLs relative to the client’s baseUrl (the default baseURL)', async () => {
    const { api, sent } = await world();
    const response = await api.get('api/me/');
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ id: 1, username: 'alice' });
    expect(sent).toEqual([
      { url: 'https://api.example.com/api/me/', method: 'GET', authorization: expect.stringMatching(/^Bearer ey/) },
    ]);
  });

  it.each(['https://evil.example.net/api/me/', 'http://api.example.com/api/me/', 'https://api.example.com.evil.net/'])(
    'never sends the token to another origin: %s',
    async (url) => {
      const { api, sent } = await world();
      await api.get(url).catch(() => undefined);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.authorization).toBeNull();
    },
  );

  it('sends the token to an allowed origin', async () => {
    const { api, sent } = await world({ client: { allowedOrigins: ['https://files.example.com'] } });
    await api.get('https://files.example.com/x').catch(() => undefined);
    expect(sent[0]!.authorization).toMatch(/^Bearer /);
  });

  it.each([
    ['an Authorization header', { headers: { Authorization: 'Bearer mine' } }, 'Bearer mine'],
    ['axios basic auth', { auth: { username: 'u', password: 'p' } }, `Basic ${btoa('u:p')}`],
  ])('leaves a request with %s alone: no token, no refresh, no retry', async (_what, config, header) => {
    const { api, me, env } = await world();
    env.mock.control.advanceClock(301_000);
    const error = await api.get('api/me/', config).catch((e: unknown) => e);
    expect(axios.isAxiosError(error) && error.response?.status).toBe(401);
    expect(me().map((s) => s.authorization)).toEqual([header]);
    expect(env.refreshes()).toBe(0);
  });

  it('sends requests without a token when logged out and never retries them (a plain axios 401 error)', async () => {
    const { api, auth, me, env } = await world();
    await auth.logout();
    const error = await api.get('api/me/').catch((e: unknown) => e);
    expect(error).toMatchObject({ isAxiosError: true, code: 'ERR_BAD_REQUEST', response: { status: 401 } });
    expect((error as Error).cause).toBeUndefined();
    expect(me()).toEqual([expect.objectContaining({ authorization: null })]);
    expect(env.refreshes()).toBe(0);
  });
});

describe('createAuthAxios: one refresh, one retry', () => {
  it('retries a 401 exactly once with a refreshed token, replaying the JSON body axios serialised', async () => {
    const { api, me, env } = await world();
    env.mock.control.advanceClock(301_000);
    const response = await api.post('api/me/', { a: 1 }).catch((e: { response: unknown }) => e.response);
    expect(response).toMatchObject({ status: expect.any(Number) });
    expect(me().map((s) => s.body)).toEqual(['{"a":1}', '{"a":1}']);
    expect(me()[0]!.authorization).not.toBe(me()[1]!.authorization);
    expect(env.refreshes()).toBe(1);
  });

  it.each([1, 10, 100])('N=%i concurrent 401s: 1 refresh, every caller answered 200', async (n) => {
    const { api, me, env } = await world();
    env.mock.control.advanceClock(301_000);
    const statuses = await Promise.all(Array.from({ length: n }, () => api.get('api/me/').then((r) => r.status)));
    expect(statuses).toEqual(Array(n).fill(200));
    expect(env.refreshes()).toBe(1);
    expect(me()).toHaveLength(2 * n);
  });

  it('requests that arrive while the refresh runs share it: no 401, no second refresh', async () => {
    const { api, me, env, holdRefresh } = await world();
    env.world.setNow(env.world.now() + 301_000); // the device knows the access token expired
    const held = holdRefresh();
    const first = Array.from({ length: 5 }, () => api.get('api/me/'));
    await held.arrived;
    const late = Array.from({ length: 5 }, () => api.get('api/me/'));
    await env.world.flush();
    expect(me()).toHaveLength(0); // nobody went ahead with the expired token
    held.release();
    const statuses = (await Promise.all([...first, ...late])).map((r) => r.status);
    expect(statuses).toEqual(Array(10).fill(200));
    expect(env.refreshes()).toBe(1);
    expect(env.unauthorized()).toBe(0);
    expect(me()).toHaveLength(10);
  });

  it('an aborted caller detaches from the shared refresh (CanceledError); the others get their answer', async () => {
    const { api, env, auth, holdRefresh } = await world();
    env.world.setNow(env.world.now() + 301_000);
    const held = holdRefresh();
    const controller = new AbortController();
    const aborted = api.get('api/me/', { signal: controller.signal }).catch((e: unknown) => e);
    const other = api.get('api/me/');
    await held.arrived;
    controller.abort();
    const error = await aborted;
    expect(isCancel(error)).toBe(true);
    held.release();
    expect((await other).status).toBe(200);
    expect(env.refreshes()).toBe(1);
    expect(auth.getState().status).toBe('authenticated');
  });

  it('axios’s timeout covers the wait for the refresh and detaches only that caller', async () => {
    const { api, env, holdRefresh } = await world();
    env.world.setNow(env.world.now() + 301_000);
    const held = holdRefresh();
    const timed = api.get('api/me/', { timeout: 20 }).catch((e: unknown) => e);
    const other = api.get('api/me/');
    await held.arrived;
    expect(await timed).toMatchObject({ isAxiosError: true, code: 'ETIMEDOUT' });
    held.release();
    expect((await other).status).toBe(200);
    expect(env.refreshes()).toBe(1);
  });
});

describe('installAuth on an existing instance', () => {
  it('keeps the instance’s interceptors; they see one request and one response per call, never the retried 401', async () => {
    const { auth, env, me } = await world();
    const api = axios.create({ baseURL: auth.baseUrl, headers: { 'X-App': 'shop' } });
    const seen = { requests: 0, responses: [] as number[], errors: 0 };
    api.interceptors.request.use((config) => {
      seen.requests++;
      config.headers.set('X-Trace', 't-1');
      return config;
    });
    api.interceptors.response.use(
      (response) => (seen.responses.push(response.status), response),
      (error) => (seen.errors++, Promise.reject(error)),
    );
    const uninstall = installAuth(api, auth);
    env.mock.control.advanceClock(301_000);
    expect((await api.get('api/me/')).status).toBe(200);
    expect(seen).toEqual({ requests: 1, responses: [200], errors: 0 });
    expect(me()).toHaveLength(2);
    expect(env.refreshes()).toBe(1);

    // Uninstalled: the instance's own adapter again, so nothing of the client's is attached.
    uninstall();
    expect(api.defaults.adapter).toEqual(axios.defaults.adapter);
  });

  it('a request config with its own adapter bypasses the client', async () => {
    const { auth } = await world();
    const api = axios.create({ baseURL: auth.baseUrl });
    installAuth(api, auth);
    let authorization: unknown = 'not called';
    await api.get('api/me/', {
      adapter: async (config) => {
        authorization = config.headers.get('Authorization');
        return { data: null, status: 204, statusText: '', headers: {}, config };
      },
    });
    expect(authorization).toBeUndefined();
  });
});
