import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AuthEvent, createAuthClient, memoryStorage } from '../index.js';
import { alice, baseUrl, setup, until } from './support.js';

let env: ReturnType<typeof setup>;
afterEach(() => env.teardown());

describe('sliding tokens', () => {
  it('logs in, authenticates with and refreshes the sliding token', async () => {
    env = setup();
    const auth = env.client({ tokenType: 'sliding' });
    await auth.ready;
    await auth.login(alice);
    expect(auth.getState().claims).toMatchObject({ token_type: 'sliding', user_id: 1 });
    expect(env.mock.control.count('slidingObtain')).toBe(1);
    await auth.getAccessToken();
    await env.world.advance(271_000);
    expect(env.mock.control.count('slidingRefresh')).toBe(1);
    expect(auth.getState().status).toBe('authenticated');
  });

  it('ends the session when the sliding token is past its exp (SimpleJWT refuses it)', async () => {
    env = setup();
    const auth = env.client({ tokenType: 'sliding' });
    await auth.ready;
    await auth.login(alice);
    env.world.setNow(env.world.now() + 301_000);
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'session_expired' });
    expect(auth.getState().status).toBe('unauthenticated');
  });
});

/** A fetch that keeps cookies like a browser does for `credentials: 'include'`. */
function withCookieJar(inner: typeof fetch) {
  const jar = new Map<string, string>();
  const sentBodies: string[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.credentials === 'include' && jar.size > 0) {
      request.headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    if (request.body) sentBodies.push(await request.clone().text());
    const response = await inner(request);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=');
      if (/max-age=0/i.test(cookie) || value === '') jar.delete(name!.trim());
      else jar.set(name!.trim(), value!);
    }
    return response;
  };
  return { fetch: wrapped, jar, sentBodies };
}

describe('refresh token in an httpOnly cookie', () => {
  it('never stores or sends the refresh token itself and refreshes with credentials: include', async () => {
    env = setup({ mock: { refreshCookie: { name: 'refresh_token' } } });
    const browser = withCookieJar(env.mock.fetch);
    const platform = env.world.fork({ fetch: browser.fetch });
    const storage = memoryStorage();
    const auth = env.client({ refreshTokenIn: 'cookie', storage }, platform);
    await auth.ready;
    await auth.login(alice);
    expect(browser.jar.has('refresh_token')).toBe(true);
    const stored = JSON.parse((await storage.getItem('simplejwt-client'))!);
    expect(stored.refresh).toBeUndefined();
    env.world.setNow(env.world.now() + 301_000);
    expect((await auth.fetch('api/me/')).status).toBe(200);
    // The start-up probe (no cookie yet: SimpleJWT's 400 'This field is required.') and the refresh before the request.
    expect(env.mock.control.requests.filter((r) => r.endpoint === 'refresh').map((r) => r.status)).toEqual([400, 200]);
    expect(browser.sentBodies.at(-1)).toBe('{}');
    await auth.logout();
    expect(env.mock.control.count('blacklist')).toBe(1);
    expect(browser.jar.has('refresh_token')).toBe(false);
  });

  it('restores the session at start-up from the cookie alone (one refresh), or starts logged out', async () => {
    env = setup({ mock: { refreshCookie: { name: 'refresh_token' } } });
    const browser = withCookieJar(env.mock.fetch);
    const first = env.client(
      { refreshTokenIn: 'cookie', storage: memoryStorage() },
      env.world.fork({ fetch: browser.fetch }),
    );
    await first.ready;
    await first.login(alice);
    first.destroy();
    const probes = env.refreshes();
    // A page reload: memory storage is empty, the cookie remains.
    const reloaded = env.client(
      { refreshTokenIn: 'cookie', storage: memoryStorage() },
      env.world.fork({ fetch: browser.fetch }),
    );
    expect(reloaded.getState().status).toBe('initializing');
    await reloaded.ready;
    expect(reloaded.getState().status).toBe('authenticated');
    expect(env.refreshes() - probes).toBe(1);
    const stranger = env.client(
      { refreshTokenIn: 'cookie', storage: memoryStorage() },
      env.world.fork({ fetch: withCookieJar(env.mock.fetch).fetch }),
    );
    await stranger.ready;
    expect(stranger.getState().status).toBe('unauthenticated');
    expect(env.events.filter((e) => e.type === 'session-expired')).toHaveLength(0);
  });
  it('in a browser, a visitor without a session is logged out as soon as the probe is answered (no hand-off wait)', async () => {
    // In a browser every tab shares the cookie, so a rejected refresh may wait for another tab's
    // rotated session; a probe that sent no cookie at all has nothing to wait for.
    vi.stubGlobal('window', new EventTarget());
    try {
      env = setup({ mock: { refreshCookie: { name: 'refresh_token' } } });
      const visitor = env.client(
        { refreshTokenIn: 'cookie', storage: memoryStorage() },
        env.world.fork({ fetch: withCookieJar(env.mock.fetch).fetch }),
      );
      expect(visitor.getState().status).toBe('initializing');
      // Async work only: no timer may fire, so a hand-off wait would keep it initializing.
      await until(env.world, () => visitor.getState().status !== 'initializing');
      expect(visitor.getState().status).toBe('unauthenticated');
      expect(env.refreshes()).toBe(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('cookie mode where cookies cannot flow', () => {
  it('warns once at creation outside a browser when fetch keeps no cookies', async () => {
    const warnings: string[] = [];
    const logger = { debug() {}, error() {}, warn: (message: string) => warnings.push(message) };
    const auth = createAuthClient({ baseUrl, refreshTokenIn: 'cookie', storage: memoryStorage(), logger });
    const events: AuthEvent[] = [];
    auth.on((event) => events.push(event));
    await Promise.resolve();
    auth.destroy();
    expect(events).toEqual([
      { type: 'configuration-error', error: expect.objectContaining({ code: 'cookies_unavailable' }) },
    ]);
    expect(warnings.filter((w) => w.includes('cookie jar'))).toHaveLength(1);
  });

  it('says why when the refresh cookie set at login never comes back', async () => {
    env = setup({ mock: { refreshCookie: { name: 'refresh_token' } } });
    // A fetch without a cookie jar: the Set-Cookie of the login is dropped.
    const auth = env.client({ refreshTokenIn: 'cookie', storage: memoryStorage() });
    await auth.ready;
    await auth.login(alice);
    await expect(auth.refresh()).rejects.toMatchObject({ code: 'session_expired' });
    const diagnosed = env.events.filter((e) => e.type === 'configuration-error');
    expect(diagnosed).toEqual([
      { type: 'configuration-error', error: expect.objectContaining({ code: 'refresh_cookie_missing' }) },
    ]);
    expect(auth.getState().status).toBe('unauthenticated');
  });

  it('does not blame the cookie when it came back but the server rejected it (blacklisted right after login)', async () => {
    env = setup({ mock: { refreshCookie: { name: 'refresh_token' } } });
    const browser = withCookieJar(env.mock.fetch);
    const auth = env.client(
      { refreshTokenIn: 'cookie', storage: memoryStorage() },
      env.world.fork({ fetch: browser.fetch }),
    );
    await auth.ready;
    await auth.login(alice);
    env.mock.control.blacklistUserTokens('alice');
    await expect(auth.refresh()).rejects.toMatchObject({ code: 'session_expired', reason: 'token_not_valid' });
    expect(env.events.filter((e) => e.type === 'configuration-error')).toEqual([]);
  });
});
