import { afterEach, describe, expect, it } from 'vitest';
import { createAuthClient } from '../index.js';
import { createTestPlatform } from '../testing.js';
import { alice, baseUrl, setup } from './support.js';

let env: ReturnType<typeof setup>;
afterEach(() => env.teardown());

describe('destroy', () => {
  it('leaves 0 timers, 0 listeners and 0 channels behind', async () => {
    env = setup({ fake: {} });
    const platform = env.world.fork();
    const auth = env.client({}, platform);
    await auth.ready;
    await auth.login(alice);
    expect(platform.pendingTimers()).toBe(1);
    expect(platform.listenerCount()).toBeGreaterThan(0);
    expect(platform.openChannels()).toBe(1);
    auth.destroy();
    expect(platform.pendingTimers()).toBe(0);
    expect(platform.listenerCount()).toBe(0);
    expect(platform.openChannels()).toBe(0);
  });

  it('leaves 0 timers behind when destroyed during a backoff wait', async () => {
    env = setup({ fake: {} });
    let unavailable = false;
    const platform = env.world.fork({
      fetch: (input, init) =>
        unavailable && String(input).endsWith('/api/token/refresh/')
          ? Promise.resolve(Response.json({ detail: 'Service unavailable' }, { status: 503 }))
          : env.fake!.fetch(input, init),
    });
    const auth = env.client({}, platform);
    await auth.ready;
    await auth.login(alice);
    unavailable = true;
    env.world.setNow(env.world.now() + 301_000);
    const pending = auth.getAccessToken().catch((e: unknown) => e);
    await env.world.flush();
    auth.destroy();
    expect(await pending).toMatchObject({ code: 'not_logged_in' });
    expect(platform.pendingTimers()).toBe(0);
  });

  it('leaves 0 timers behind when destroyed with a request in flight', async () => {
    env = setup();
    const platform = env.world.fork({
      fetch: (_input, init) =>
        new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))),
    });
    const auth = createAuthClient({ baseUrl, platform });
    await auth.ready;
    const login = auth.login(alice).catch((e: unknown) => e);
    await env.world.flush();
    expect(platform.pendingTimers()).toBe(1); // the request timeout
    auth.destroy();
    await login;
    expect(platform.pendingTimers()).toBe(0);
  });

  it('survives 1 000 refresh cycles with one timer and no growth in listeners', async () => {
    env = setup({ fake: { accessLifetime: 60, refreshLifetime: 10 * 86_400, rotate: true } });
    const platform = env.world.fork();
    const auth = env.client({ refreshLeeway: 10 }, platform);
    await auth.ready;
    await auth.login(alice);
    const listeners = platform.listenerCount();
    for (let i = 0; i < 1_000; i++) await auth.refresh();
    expect(env.refreshes()).toBe(1_000);
    expect(platform.pendingTimers()).toBe(1);
    expect(platform.listenerCount()).toBe(listeners);
    auth.destroy();
    expect(platform.pendingTimers()).toBe(0);
  });
});

describe('environment independence', () => {
  it('creates a client in plain Node with no browser globals and in-memory defaults', async () => {
    const world = createTestPlatform();
    const auth = createAuthClient({ baseUrl, platform: { fetch: world.fetch } });
    expect(auth.getState().status).toBe('unauthenticated');
    auth.destroy();
  });

  it('rejects an unparsable baseUrl with a clear TypeError', () => {
    expect(() => createAuthClient({ baseUrl: 'api.example.com' })).toThrow(/absolute URL/);
  });
});
