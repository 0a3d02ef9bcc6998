/**
 * httpOnly refresh-cookie mode (`refreshTokenIn: 'cookie'`): the server keeps the refresh token in
 * an httpOnly cookie that page scripts can never read; the access token lives in memory.
 */
import { describe, expect, it } from 'vitest';
import { ALICE, ROTATING, STORAGE_KEY, useE2e, type E2eWorld, type Tab } from './harness.js';

const e2e = useE2e();
const COOKIE = 'refresh_token';
const options = { refreshTokenIn: 'cookie', storage: 'memory' } as const;

async function refreshCookie(world: E2eWorld): Promise<{ value: string; httpOnly: boolean } | undefined> {
  return (await world.context.cookies()).find((cookie) => cookie.name === COOKIE);
}

/** Nothing the page's scripts can see (cookies, storage, response bodies) contains `secret`. */
async function expectHiddenFromScripts(tab: Tab, secret: string): Promise<void> {
  const seen = await tab.storage();
  expect(seen.cookie).not.toContain(COOKIE);
  expect(seen.cookie).not.toContain(secret);
  expect(JSON.stringify(seen.local)).not.toContain(secret);
  expect(JSON.stringify(seen.session)).not.toContain(secret);
  const bodies = await tab.bodies();
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) expect(body).not.toContain(secret);
}

describe('httpOnly refresh cookie mode', () => {
  it('keeps the refresh token out of reach of scripts, restores the session on reload with one refresh, and logout clears the cookie', async () => {
    const world = await e2e.start({
      settings: { ...ROTATING, ACCESS_TOKEN_LIFETIME: 60 },
      refreshCookie: { name: COOKIE },
    });
    const { control } = world.server.mock;
    const tab = await world.open(options);
    // Without a cookie the start-up refresh is rejected: a clean logged-out start.
    expect(await tab.state()).toMatchObject({ status: 'unauthenticated', userId: null });
    const startupRefreshes = control.count('refresh');

    expect(await tab.login()).toMatchObject({ ok: true });
    const issued = await refreshCookie(world);
    expect(issued).toMatchObject({ httpOnly: true });
    expect(issued?.value.length).toBeGreaterThan(20);
    await expectHiddenFromScripts(tab, issued!.value);
    expect(await tab.fetchMe()).toEqual([200]);

    // A reload forgets the in-memory access token: one refresh with the cookie restores the session.
    await tab.reload();
    await tab.waitForStatus('authenticated', ALICE.id);
    expect(control.count('refresh') - startupRefreshes).toBe(1);
    expect(control.requests.filter((entry) => entry.endpoint === 'refresh').at(-1)?.status).toBe(200);
    const rotated = await refreshCookie(world);
    expect(rotated?.value).not.toBe(issued!.value);
    await expectHiddenFromScripts(tab, rotated!.value);
    expect(await tab.fetchMe()).toEqual([200]);
    expect(control.count('refresh') - startupRefreshes).toBe(1);

    // Logout blacklists the cookie's token and the server deletes the cookie.
    expect(await tab.logout()).toMatchObject({ ok: true });
    expect(await tab.state()).toMatchObject({ status: 'unauthenticated' });
    expect(control.requests.filter((entry) => entry.endpoint === 'blacklist').map((entry) => entry.status)).toEqual([
      200,
    ]);
    expect(await refreshCookie(world)).toBeUndefined();

    await tab.reload();
    expect(await tab.state()).toMatchObject({ status: 'unauthenticated', userId: null });
    expect(await tab.fetchMe()).toEqual([401]);
  });

  it('two tabs (access token in memory, splitStorage over localStorage) share the cookie session and, woken past expiry together, refresh once', async () => {
    const world = await e2e.start({
      settings: { ...ROTATING, ACCESS_TOKEN_LIFETIME: 60 },
      refreshCookie: { name: COOKIE },
    });
    const { control } = world.server.mock;
    const tabOptions = { refreshTokenIn: 'cookie', storage: 'split', skewableClock: '1', leeway: '1' } as const;
    const a = await world.open(tabOptions);
    expect(await a.login()).toMatchObject({ ok: true });
    // A tab opened later restores the session from the cookie.
    const b = await world.open(tabOptions);
    await b.waitForStatus('authenticated', ALICE.id);
    const before = control.count('refresh');
    const logged = control.requests.length;

    control.advanceClock(120_000);
    await Promise.all([a.setSkew(120_000), b.setSkew(120_000)]);
    const statuses = await Promise.all([a.fetchMe(3), b.fetchMe(3)]);
    expect(statuses.flat()).toEqual(Array(6).fill(200));
    expect(control.count('refresh') - before).toBe(1);
    expect(
      control.requests
        .slice(logged)
        .filter((entry) => entry.endpoint === 'refresh')
        .map((entry) => entry.status),
    ).toEqual([200]);
    const cookie = await refreshCookie(world);
    for (const tab of [a, b]) {
      expect(await tab.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
      await expectHiddenFromScripts(tab, cookie!.value);
      expect((await tab.events()).map((event) => event.type)).not.toContain('session-expired');
    }
    // Only the refresh cookie's metadata is persisted; the access token stays in memory.
    expect(JSON.parse((await a.storage()).local[STORAGE_KEY] ?? '{}')).not.toHaveProperty('access');
  });

  it('two tabs with the access token in memory only share the cookie session and, woken past expiry together, refresh once', async () => {
    const world = await e2e.start({
      settings: { ...ROTATING, ACCESS_TOKEN_LIFETIME: 60 },
      refreshCookie: { name: COOKIE },
    });
    const { control } = world.server.mock;
    const tabOptions = { ...options, skewableClock: '1', leeway: '1' } as const;
    const a = await world.open(tabOptions);
    expect(await a.login()).toMatchObject({ ok: true });
    const b = await world.open(tabOptions);
    await b.waitForStatus('authenticated', ALICE.id);
    const logged = control.requests.length;

    control.advanceClock(120_000);
    await Promise.all([a.setSkew(120_000), b.setSkew(120_000)]);
    expect((await Promise.all([a.fetchMe(3), b.fetchMe(3)])).flat()).toEqual(Array(6).fill(200));
    expect(
      control.requests
        .slice(logged)
        .filter((entry) => entry.endpoint === 'refresh')
        .map((entry) => entry.status),
    ).toEqual([200]);
    for (const tab of [a, b]) expect(await tab.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
  });
});
