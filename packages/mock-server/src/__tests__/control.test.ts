import { describe, expect, it } from 'vitest';
import { setup } from './helpers.js';

describe('control and faults', () => {
  it('counts requests per endpoint and resets to the initial state', async () => {
    const { post, login, mock } = setup();
    const pair = await login();
    await post('api/token/refresh/', { refresh: pair.refresh });
    await post('api/token/refresh/', { refresh: pair.refresh });
    expect(mock.control.count('refresh')).toBe(2);
    expect(mock.control.requests.map((r) => [r.endpoint, r.status])).toEqual([
      ['obtain', 200],
      ['refresh', 200],
      ['refresh', 200],
    ]);
    mock.control.addUser({ id: 9, username: 'erin', password: 'pw' });
    mock.control.reset();
    expect(mock.control.count()).toBe(0);
    expect(mock.control.getUser('erin')).toBeUndefined();
  });

  it('adds and changes users', async () => {
    const { post, login, mock } = setup();
    mock.control.addUser({ id: 9, username: 'erin', password: 'pw', claims: { role: 'admin' } });
    expect((await login('erin', 'pw')).access).toBeTruthy();
    mock.control.updateUser('erin', { password: 'new' });
    expect((await post('api/token/', { username: 'erin', password: 'pw' })).status).toBe(401);
    expect(() => mock.control.addUser({ id: 1, username: 'dup', password: 'x' })).toThrow();
  });

  it('blacklists or expires a user\u2019s outstanding tokens', async () => {
    const { post, get, login, mock } = setup();
    const pair = await login();
    expect(mock.control.blacklistUserTokens('alice')).toBe(1);
    expect((await post('api/token/refresh/', { refresh: pair.refresh })).text).toBe(
      '{"detail":"Token is blacklisted","code":"token_not_valid"}',
    );
    const second = await login();
    mock.control.expireUserTokens('alice');
    expect((await get('api/me/', { authorization: `Bearer ${second.access}` })).status).toBe(401);
    expect((await login()).access).toBeTruthy();
  });

  it('moves the clock', async () => {
    const { get, login, mock } = setup();
    const { access } = await login();
    mock.control.advanceClock(299_000);
    expect((await get('api/me/', { authorization: `Bearer ${access}` })).status).toBe(200);
    mock.control.advanceClock(1_000);
    expect((await get('api/me/', { authorization: `Bearer ${access}` })).status).toBe(401);
    mock.control.setClockOffset(0);
    expect((await get('api/me/', { authorization: `Bearer ${access}` })).status).toBe(200);
  });

  it('injects 5xx, nginx 502 pages, network errors and latency for a number of requests', async () => {
    const slept: number[] = [];
    const { post, login, mock } = setup({ sleep: async (ms) => void slept.push(ms) });
    const pair = await login();
    mock.control.fail({ endpoint: 'refresh', body: 'html-502', times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await post('api/token/refresh/', { refresh: pair.refresh });
      expect(r.status).toBe(502);
      expect(r.text).toContain('<title>502 Bad Gateway</title>');
      expect(r.res.headers.get('content-type')).toBe('text/html');
    }
    expect((await post('api/token/refresh/', { refresh: pair.refresh })).status).toBe(200);
    mock.control.fail({ endpoint: 'refresh', network: true });
    await expect(post('api/token/refresh/', { refresh: pair.refresh })).rejects.toThrow(
      new TypeError('Failed to fetch'),
    );
    mock.control.fail({ endpoint: 'refresh', status: 503, body: '{"detail":"down"}' });
    const down = await post('api/token/refresh/', { refresh: pair.refresh });
    expect([down.status, down.text, down.res.headers.get('content-type')]).toEqual([
      503,
      '{"detail":"down"}',
      'application/json',
    ]);
    mock.control.fail({ endpoint: 'refresh', latencyMs: 1234 });
    expect((await post('api/token/refresh/', { refresh: pair.refresh })).status).toBe(200);
    expect(slept).toEqual([1234]);
    expect(mock.control.requests.filter((r) => r.endpoint === 'refresh').map((r) => r.status)).toEqual([
      502, 502, 200, 0, 503, 200,
    ]);
  });

  it('serves the admin API only when enabled', async () => {
    const off = setup();
    expect((await off.post('__mock__/reset', {})).status).toBe(404);
    const on = setup({ admin: true });
    await on.login();
    const log = JSON.parse((await on.get('__mock__/requests?endpoint=obtain')).text) as { count: number };
    expect(log.count).toBe(1);
    expect((await on.post('__mock__/faults', { endpoint: 'obtain', status: 500 })).status).toBe(201);
    expect((await on.post('api/token/', { username: 'alice', password: 'alice-password-1' })).status).toBe(500);
    expect((await on.post('__mock__/clock', { advanceMs: 5000 })).status).toBe(200);
    expect(on.mock.control.now()).toBe(on.clock.t + 5000);
    expect((await on.post('__mock__/users/bob', { is_active: true }, {})).status).toBe(404);
    const patch = await on.mock.fetch(new URL('__mock__/users/bob', on.mock.baseUrl), {
      method: 'PATCH',
      body: '{"is_active":true}',
    });
    expect(patch.status).toBe(200);
    expect((await on.post('api/token/', { username: 'bob', password: 'bob-password-2' })).status).toBe(200);
  });
});

describe('msw handlers', () => {
  it('intercept only the mock routes, so user handlers see other paths', async () => {
    const { setupServer } = await import('msw/node');
    const { http, HttpResponse } = await import('msw');
    const { mock } = setup();
    const server = setupServer(
      ...mock.handlers,
      http.get('https://api.example.com/api/posts/', () => HttpResponse.json([1])),
    );
    server.listen({ onUnhandledFrame: 'error' });
    try {
      const login = await fetch('https://api.example.com/api/token/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username":"alice","password":"alice-password-1"}',
      });
      expect(login.status).toBe(200);
      expect(await (await fetch('https://api.example.com/api/posts/')).json()).toEqual([1]);
      mock.control.fail({ endpoint: 'me', network: true });
      await expect(fetch('https://api.example.com/api/me/')).rejects.toThrow(TypeError);
    } finally {
      server.close();
    }
  });
});
