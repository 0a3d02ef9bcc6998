/**
 * The storage strategies in a real browser: what lands where, what survives a reload and what a
 * reload costs in requests.
 */
import { describe, expect, it } from 'vitest';
import { ALICE, STORAGE_KEY, useE2e } from './harness.js';

const e2e = useE2e();

const cookieNamed = (cookie: string, name: string): string | undefined =>
  cookie
    .split(';')
    .map((pair) => pair.trim())
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

describe('storage strategies', () => {
  it('localStorage: the session survives a reload and a new tab with no request at start-up', async () => {
    const world = await e2e.start({ settings: { ACCESS_TOKEN_LIFETIME: 60 } });
    const tab = await world.open({ storage: 'local' });
    expect(await tab.login()).toMatchObject({ ok: true });
    const token = await tab.token();
    const stored = (await tab.storage()).local[STORAGE_KEY];
    expect(stored).toContain(token);
    const { control } = world.server.mock;
    const before = control.requests.length;

    await tab.reload();
    expect(await tab.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id, error: null });
    expect(await tab.token()).toBe(token);
    const other = await world.open({ storage: 'local' });
    expect(await other.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
    expect(await other.token()).toBe(token);
    expect(control.requests.length, 'requests made at start-up').toBe(before);

    expect(await tab.fetchMe()).toEqual([200]);
    expect(control.count('refresh')).toBe(0);
  });

  it('sessionStorage: the session survives a reload of its tab but is not shared with a new tab', async () => {
    const world = await e2e.start({ settings: { ACCESS_TOKEN_LIFETIME: 60 } });
    const tab = await world.open({ storage: 'session' });
    expect(await tab.login()).toMatchObject({ ok: true });
    const token = await tab.token();
    const seen = await tab.storage();
    expect(seen.session[STORAGE_KEY]).toContain(token);
    expect(seen.local[STORAGE_KEY]).toBeUndefined();
    const { control } = world.server.mock;
    const before = control.requests.length;

    await tab.reload();
    expect(await tab.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
    expect(await tab.token()).toBe(token);
    expect(control.requests.length, 'requests made at start-up').toBe(before);

    // Opened afterwards, with its own (empty) sessionStorage.
    const other = await world.open({ storage: 'session' });
    expect(await other.state()).toMatchObject({ status: 'unauthenticated' });
    expect(control.requests.length).toBe(before);
  });

  it('cookieStorage: a JavaScript-readable cookie that survives a reload; logout deletes it', async () => {
    const world = await e2e.start({ settings: { ACCESS_TOKEN_LIFETIME: 60 } });
    const tab = await world.open({ storage: 'cookie' });
    expect(await tab.login()).toMatchObject({ ok: true });
    const token = await tab.token();
    const seen = await tab.storage();
    const value = cookieNamed(seen.cookie, STORAGE_KEY);
    expect(value, 'the session cookie in document.cookie').toBeDefined();
    expect(decodeURIComponent(value ?? '')).toContain(token);
    expect(seen.local[STORAGE_KEY]).toBeUndefined();
    const [cookie] = (await world.context.cookies()).filter((c) => c.name === STORAGE_KEY);
    expect(cookie).toMatchObject({ httpOnly: false, path: '/', sameSite: 'Lax' });
    const { control } = world.server.mock;
    const before = control.requests.length;

    await tab.reload();
    expect(await tab.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
    expect(await tab.token()).toBe(token);
    expect(control.requests.length, 'requests made at start-up').toBe(before);
    expect(await tab.fetchMe()).toEqual([200]);

    expect(await tab.logout()).toMatchObject({ ok: true });
    expect(cookieNamed((await tab.storage()).cookie, STORAGE_KEY)).toBeUndefined();
    await tab.reload();
    expect(await tab.state()).toMatchObject({ status: 'unauthenticated' });
  });

  it('splitStorage: the access token stays out of localStorage; a reload restores the session with one refresh', async () => {
    const world = await e2e.start({ settings: { ACCESS_TOKEN_LIFETIME: 60, ROTATE_REFRESH_TOKENS: true } });
    const tab = await world.open({ storage: 'split' });
    expect(await tab.login()).toMatchObject({ ok: true });
    const access = await tab.token();
    const stored = (await tab.storage()).local[STORAGE_KEY];
    expect(stored).toBeDefined();
    expect(stored).not.toContain(access);
    const parsed = JSON.parse(stored ?? '{}') as Record<string, unknown>;
    expect(parsed.access).toBeUndefined();
    expect(parsed.refresh).toEqual(expect.any(String));
    const { control } = world.server.mock;
    expect(control.count('refresh')).toBe(0);

    await tab.reload();
    await tab.waitForStatus('authenticated', ALICE.id);
    expect(control.count('refresh')).toBe(1);
    const restored = await tab.token();
    expect(restored).not.toBe(access);
    expect(await tab.fetchMe()).toEqual([200]);
    // Still only the refresh token (now rotated) is persisted.
    const after = JSON.parse((await tab.storage()).local[STORAGE_KEY] ?? '{}') as Record<string, unknown>;
    expect(after.access).toBeUndefined();
    expect(after.refresh).not.toBe(parsed.refresh);
    expect(control.count('refresh')).toBe(1);
  });
});

describe('corrupted storage', () => {
  const corrupted: Array<[string, string]> = [
    ['not JSON', '{"v":1,"access":'],
    ['JSON of another app', '{"user":"alice","theme":"dark"}'],
    ['a session whose tokens are not JWTs', '{"v":1,"access":"not-a-jwt","refresh":"x.y.z","offset":0}'],
    ['a JSON string', '"eyJhbGciOiJIUzI1NiJ9"'],
    ['JSON null', 'null'],
  ];
  for (const [label, value] of corrupted) {
    it(`${label} at page load: a clean logged-out start, then an error-free login`, async () => {
      const world = await e2e.start({ settings: { ACCESS_TOKEN_LIFETIME: 60 } });
      const tab = await world.open();
      await tab.page.evaluate(([key, raw]) => localStorage.setItem(key, raw), [STORAGE_KEY, value] as const);
      await tab.reload();

      expect(await tab.state()).toEqual({
        status: 'unauthenticated',
        userId: null,
        error: null,
        isRefreshing: false,
        expiresAt: null,
      });
      expect((await tab.storage()).local[STORAGE_KEY], 'the corrupted value is discarded').toBeUndefined();
      expect(await tab.harnessErrors()).toEqual([]);
      expect(world.server.mock.control.requests).toEqual([]);

      expect(await tab.login()).toEqual({ ok: true, value: undefined });
      expect(await tab.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id, error: null });
      expect(await tab.fetchMe()).toEqual([200]);
      expect((await tab.events()).map((event) => event.type)).toEqual(['login']);
    });
  }
});
