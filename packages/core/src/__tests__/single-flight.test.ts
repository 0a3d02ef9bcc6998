import { afterEach, describe, expect, it } from 'vitest';
import { createAuthKy } from '../ky.js';
import { advanceInSteps, alice, setup, twoTabsLoggedIn } from './support.js';

let env: ReturnType<typeof setup>;
afterEach(() => env.teardown());

/** The deterministic fake token server, with rotation and blacklist-after-rotation. */
const rotating = { rotate: true, blacklistAfterRotation: true };

async function loggedIn(fake = {}) {
  env = setup({ fake });
  const auth = env.client();
  await auth.ready;
  await auth.login(alice);
  return auth;
}

describe('single-flight refresh', () => {
  it('sends 1 refresh request for 100 concurrent requests on an expired token (fetch)', async () => {
    const auth = await loggedIn();
    env.world.setNow(env.world.now() + 301_000);
    const responses = await Promise.all(Array.from({ length: 100 }, () => auth.fetch('api/me/')));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(env.refreshes()).toBe(1);
    expect(env.unauthorized()).toBe(0);
  });

  it('sends 1 refresh request for 100 concurrent requests on an expired token (ky)', async () => {
    const auth = await loggedIn();
    const api = createAuthKy(auth);
    env.world.setNow(env.world.now() + 301_000);
    const bodies = await Promise.all(Array.from({ length: 100 }, () => api.get('api/me/').json<{ id: number }>()));
    expect(bodies.every((b) => b.id === 1)).toBe(true);
    expect(env.refreshes()).toBe(1);
  });

  it('sends 1 refresh request for 100 concurrent 401s and retries each request once', async () => {
    const auth = await loggedIn();
    // The server's clock moves past expiry while the device still thinks the token is fresh.
    env.advanceServerClock(301_000);
    const responses = await Promise.all(Array.from({ length: 100 }, () => auth.fetch('api/me/')));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(env.refreshes()).toBe(1);
    expect(env.fake!.count('me')).toBe(200);
  });

  it('sends 1 refresh request for two client instances sharing storage, and both adopt the rotation', async () => {
    env = setup({ fake: rotating });
    const { tabA, tabB } = await twoTabsLoggedIn(env);
    expect(tabB.getState().status).toBe('authenticated');
    env.world.setNow(env.world.now() + 301_000);
    const [a, b] = await Promise.all([tabA.getAccessToken(), tabB.getAccessToken()]);
    expect(env.refreshes()).toBe(1);
    expect(a).toBe(b);
    // Both go on refreshing with the rotated token, never the blacklisted one.
    env.world.setNow(env.world.now() + 301_000);
    await Promise.all([tabB.refresh(), tabA.refresh()]);
    expect(env.refreshes()).toBe(2);
    expect(env.fake!.requests.filter((r) => r.endpoint === 'refresh' && r.status !== 200)).toHaveLength(0);
    expect(tabA.getState().status).toBe('authenticated');
    expect(tabB.getState().status).toBe('authenticated');
  });

  it('shares one refresh among 10 instances over 1 000 concurrent requests', async () => {
    env = setup({ fake: rotating });
    const clients = Array.from({ length: 10 }, (_, i) => env.client({}, i === 0 ? env.world : env.world.fork()));
    await Promise.all(clients.map((c) => c.ready));
    await clients[0]!.login(alice);
    await env.world.flush();
    env.world.setNow(env.world.now() + 301_000);
    const responses = await Promise.all(Array.from({ length: 1000 }, (_, i) => clients[i % 10]!.fetch('api/me/')));
    expect(responses.filter((r) => r.status !== 200)).toHaveLength(0);
    expect(env.refreshes()).toBe(1);
  });

  it('stores the rotated refresh token and uses it for the next refresh', async () => {
    const auth = await loggedIn(rotating);
    const first = JSON.parse((await env.storage.getItem('simplejwt-client'))!).refresh;
    await auth.refresh();
    const second = JSON.parse((await env.storage.getItem('simplejwt-client'))!).refresh;
    expect(second).not.toBe(first);
    await auth.refresh();
    expect(env.refreshes()).toBe(2);
    expect(auth.getState().status).toBe('authenticated');
    expect(env.events.filter((e) => e.type === 'refresh-success')).toEqual([
      { type: 'refresh-success', rotated: true },
      { type: 'refresh-success', rotated: true },
    ]);
  });

  it('waits for the session of a tab that refreshed first when its storage and messages arrive late (no 401, no logout)', async () => {
    const lagMs = 20;
    const { a, b } = await laggingTabs(lagMs);
    expect(b.getState().status).toBe('authenticated');

    env.world.setNow(env.world.now() + 301_000);
    let settled = false;
    const tokens = Promise.all([a.getAccessToken(), b.getAccessToken()]).finally(() => (settled = true));
    // Small steps until both settle: the lagged deliveries and the bounded wait run on virtual time.
    for (let step = 0; step < 100 && !settled; step++) await env.world.advance(lagMs);
    const [tokenA, tokenB] = await tokens;
    expect(tokenA).toBe(tokenB);
    expect(env.fake!.requests.filter((r) => r.endpoint === 'refresh').map((r) => r.status)).toEqual([200]);
    expect(env.events.filter((e) => e.type === 'session-expired')).toHaveLength(0);
    expect(b.getState().status).toBe('authenticated');
  });

  it("a tab that refreshes with a token another tab just rotated adopts that tab's session instead of logging out", async () => {
    const lagMs = 20;
    const { a, b } = await laggingTabs(lagMs);
    env.world.setNow(env.world.now() + 301_000);
    // A refreshes and releases the lock before B starts: B does not wait, reads its stale copy,
    // and sends the rotated (now blacklisted) refresh token.
    const tokenA = await a.getAccessToken();
    let settled = false;
    const tokenB = b.getAccessToken().finally(() => (settled = true));
    for (let step = 0; step < 100 && !settled; step++) await env.world.advance(lagMs);
    expect(await tokenB).toBe(tokenA);
    expect(env.fake!.requests.filter((r) => r.endpoint === 'refresh').map((r) => r.status)).toEqual([200, 401]);
    expect(env.events.filter((e) => e.type === 'session-expired')).toHaveLength(0);
    expect(b.getState().status).toBe('authenticated');
  });
});

/**
 * Two "tabs" as two renderer processes under load: tab B sees tab A's localStorage writes and
 * receives its messages `lagMs` late; alice is logged in through tab A and tab B has caught up.
 */
async function laggingTabs(lagMs: number) {
  env = setup({ fake: rotating });
  const backing = new Map<string, string>();
  const viewB = new Map<string, string>();
  const scope = Symbol.for('simplejwt-client.storage-scope');
  const later = (fn: () => void) => env.world.timers.setTimeout(fn, lagMs);
  const storageA = {
    [scope]: 'local',
    getItem: (k: string) => backing.get(k) ?? null,
    setItem: (k: string, v: string) => {
      backing.set(k, v);
      later(() => viewB.set(k, v));
    },
    removeItem: (k: string) => {
      backing.delete(k);
      later(() => viewB.delete(k));
    },
  };
  const storageB = {
    [scope]: 'local',
    getItem: (k: string) => viewB.get(k) ?? null,
    setItem: (k: string, v: string) => void (backing.set(k, v), viewB.set(k, v)),
    removeItem: (k: string) => void (backing.delete(k), viewB.delete(k)),
  };
  const tabB = env.world.fork({
    openChannel: (name) => {
      const channel = env.world.openChannel(name);
      return { ...channel, subscribe: (listener) => channel.subscribe((message) => later(() => listener(message))) };
    },
  });
  const a = env.client({ storage: storageA });
  const b = env.client({ storage: storageB }, tabB);
  await Promise.all([a.ready, b.ready]);
  await a.login(alice);
  await advanceInSteps(env.world, lagMs * 2, lagMs);
  return { a, b };
}
