import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSimpleJwtMock } from '../index.js';

const API = 'https://api.example.com/';
const mock = createSimpleJwtMock({ baseUrl: API });
const appHandler = http.get(`${API}api/orders/`, () => HttpResponse.json([{ id: 1 }]));
// Whatever reaches this was not intercepted by the mock's handlers.
const fallback = http.all(`${API}*`, () => new HttpResponse('not the mock', { status: 599 }));
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  mock.control.reset();
});
afterAll(() => server.close());

const post = (path: string, body: unknown) =>
  fetch(`${API}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const login = async () =>
  (await (await post('api/token/', { username: 'alice', password: 'alice-password-1' })).json()) as {
    access: string;
    refresh: string;
  };

describe('msw handlers', () => {
  it('intercept only the mock\u2019s routes, so the app\u2019s handlers keep the rest of the origin', async () => {
    server.use(...mock.handlers, appHandler, fallback);
    const { access } = await login();
    expect((await fetch(`${API}api/me/`, { headers: { authorization: `Bearer ${access}` } })).status).toBe(200);
    expect(await (await fetch(`${API}api/orders/`)).json()).toEqual([{ id: 1 }]);
    // The slash-less form is the mock's too: Django's 301.
    expect((await fetch(`${API}api/token`, { method: 'POST', redirect: 'manual' })).status).toBe(301);
    expect((await fetch(`${API}api/nope/`)).status).toBe(599);
  });

  it('can be picked one endpoint at a time', async () => {
    server.use(mock.handlerFor('obtain'), mock.handlerFor('refresh'), fallback);
    const { refresh } = await login();
    expect((await post('api/token/refresh/', { refresh })).status).toBe(200);
    expect((await post('api/token/blacklist/', { refresh })).status).toBe(599);
    expect(mock.control.requests.map((r) => r.endpoint)).toEqual(['obtain', 'refresh']);
    expect(() => mock.handlerFor('nope' as never)).toThrow(TypeError);
  });

  it('can be overridden with server.use(), the msw way', async () => {
    server.use(...mock.handlers);
    const { refresh } = await login();
    server.use(
      http.post(
        mock.url('refresh'),
        () => HttpResponse.json({ detail: 'Token is expired', code: 'token_not_valid' }, { status: 401 }),
        {
          once: true,
        },
      ),
    );
    expect((await post('api/token/refresh/', { refresh })).status).toBe(401);
    expect((await post('api/token/refresh/', { refresh })).status).toBe(200);
    expect(mock.control.count('refresh')).toBe(1);
  });
});

describe('protect', () => {
  const API_ORDERS = `${API}api/orders/`;
  const protectedMock = createSimpleJwtMock({
    baseUrl: API,
    settings: { CHECK_REVOKE_TOKEN: true, AUTH_TOKEN_CLASSES: ['AccessToken', 'SlidingToken'] },
  });
  const orders = http.all(
    API_ORDERS,
    protectedMock.protect(async ({ request, user, claims }) =>
      HttpResponse.json({
        user: user.username,
        userId: claims.user_id,
        hasPassword: 'password' in user,
        body: request.method === 'POST' ? await request.json() : null,
      }),
    ),
  );
  const call = (token?: string, init: RequestInit = {}) =>
    fetch(API_ORDERS, {
      ...init,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
    });
  const loginAs = async (username: string, password: string, path = 'api/token/') =>
    (await (await post(path, { username, password })).json()) as { access: string; refresh: string; token: string };
  const messageOf = async (res: Response) =>
    ((await res.json()) as { messages?: { message: string }[] }).messages?.[0]?.message;

  afterEach(() => protectedMock.control.reset());

  it('passes the user and the token\u2019s claims to the resolver, which can read the body', async () => {
    server.use(...protectedMock.handlers, orders);
    const { access } = await loginAs('alice', 'alice-password-1');
    const res = await call(access, {
      method: 'POST',
      body: '{"item":42}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await res.json()).toEqual({ user: 'alice', userId: 1, hasPassword: false, body: { item: 42 } });
  });

  it('answers DRF\u2019s 401 for a missing header, with WWW-Authenticate', async () => {
    server.use(...protectedMock.handlers, orders);
    const res = await call();
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(await res.text()).toBe('{"detail":"Authentication credentials were not provided."}');
  });

  it('answers SimpleJWT\u2019s 401 bodies for expired, wrong-type, blacklisted and revoked tokens and refused users', async () => {
    server.use(...protectedMock.handlers, orders);
    const alice = await loginAs('alice', 'alice-password-1');
    expect(await messageOf(await call(alice.refresh))).toBe('Token has wrong type');

    const sliding = await loginAs('alice', 'alice-password-1', 'api/token/sliding/');
    expect((await call(sliding.token)).status).toBe(200);
    protectedMock.control.blacklistUserTokens('alice');
    const blacklisted = await call(sliding.token);
    expect(blacklisted.status).toBe(401);
    expect(((await blacklisted.json()) as { messages: { message: string }[] }).messages.map((m) => m.message)).toEqual([
      'Token has wrong type',
      'Token is blacklisted',
    ]);

    protectedMock.control.updateUser('alice', { password: 'new-password' });
    expect(await (await call(alice.access)).text()).toBe(
      '{"detail":"The user\'s password has been changed.","code":"password_changed"}',
    );

    const dave = await loginAs('dave', 'dave-password-5');
    protectedMock.control.updateUser('dave', { is_active: false });
    expect(await (await call(dave.access)).text()).toBe('{"detail":"User is inactive","code":"user_inactive"}');
    protectedMock.control.deleteUser('dave');
    expect(await (await call(dave.access)).text()).toBe('{"detail":"User not found","code":"user_not_found"}');

    const carol = await loginAs('carol', 'carol-password-3');
    protectedMock.control.advanceClock(301_000);
    const expired = await call(carol.access);
    expect(expired.status).toBe(401);
    expect(await messageOf(expired)).toBe('Token is expired');
    expect(expired.headers.get('www-authenticate')).toBe('Bearer realm="api"');
  });
});
