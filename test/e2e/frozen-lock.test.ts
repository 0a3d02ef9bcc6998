/**
 * A tab that holds the refresh lock and never lets go (hung, or frozen by the browser) must not
 * block the other tabs for ever: they wait their bounded `lockTimeout`, then steal the lock.
 */
import { describe, expect, it } from 'vitest';
import { ALICE, ROTATING, failedRefreshes, until, useE2e, type E2eWorld, type Tab } from './harness.js';

const e2e = useE2e();
const REFRESH_PATH = '/api/token/refresh/';
const tabOptions = { lockTimeout: '1500', retryAttempts: '4' } as const;

/**
 * The name of the Web Lock the client takes around a refresh, observed from `observer` while
 * `refresher` refreshes (the request is held at the server meanwhile). Costs one refresh.
 */
async function refreshLockName(world: E2eWorld, refresher: Tab, observer: Tab): Promise<string> {
  const held = world.server.hold(REFRESH_PATH);
  await refresher.start('refresh');
  await held.arrived;
  const { held: names } = await observer.locks();
  held.release();
  await until(async () => !(await refresher.state()).isRefreshing, 15_000, 'the refresh to end');
  expect(names).toHaveLength(1);
  return names[0]!;
}

describe('a frozen or hung lock holder', () => {
  it('a page that holds the refresh lock for ever: another tab steals it after lockTimeout and refreshes once', async () => {
    const world = await e2e.start({ settings: { ...ROTATING, ACCESS_TOKEN_LIFETIME: 60 } });
    const [holder, a, b] = [await world.open(tabOptions), await world.open(tabOptions), await world.open(tabOptions)];
    expect(await a.login()).toMatchObject({ ok: true });
    await b.waitForStatus('authenticated', ALICE.id);
    const lock = await refreshLockName(world, a, holder);
    const { control } = world.server.mock;
    const before = control.count('refresh');
    const stale = await a.token();

    await holder.holdLock(lock);
    expect((await a.locks()).held).toEqual([lock]);
    expect(await a.refresh()).toEqual({ ok: true, value: undefined });
    expect(await holder.lostLocks()).toEqual([lock]);

    expect(control.count('refresh') - before).toBe(1);
    expect(await a.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id, error: null });
    const fresh = await a.token();
    expect(fresh).not.toBe(stale);
    expect(await a.fetchMe()).toEqual([200]);
    await until(async () => (await b.token()) === fresh, 15_000, 'tab B to adopt the new token');
    expect(await b.fetchMe()).toEqual([200]);
    expect(control.count('refresh') - before).toBe(1);
    expect(failedRefreshes(world.server)).toEqual([]);
  });

  it('a tab frozen (CDP Page.setWebLifecycleState) mid-refresh: another tab steals the lock and refreshes once; the frozen tab resumes on the new session', async () => {
    const world = await e2e.start({ settings: { ...ROTATING, ACCESS_TOKEN_LIFETIME: 60 } });
    const [frozen, other] = [await world.open(tabOptions), await world.open(tabOptions)];
    expect(await frozen.login()).toMatchObject({ ok: true });
    await other.waitForStatus('authenticated', ALICE.id);
    const { control } = world.server.mock;
    const stale = await other.token();

    // The frozen tab takes the lock and sends its refresh; the request is kept from the mock.
    const held = world.server.hold(REFRESH_PATH);
    await frozen.start('refresh');
    await held.arrived;
    expect((await other.locks()).held).toHaveLength(1);
    const cdp = await frozen.cdp();
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });

    expect(await other.refresh()).toEqual({ ok: true, value: undefined });
    expect(control.count('refresh')).toBe(1);
    const fresh = await other.token();
    expect(fresh).not.toBe(stale);
    expect(await other.fetchMe()).toEqual([200]);

    // Its request failed upstream while it was frozen; it wakes up and takes the session the other tab made.
    held.fail(502);
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await until(async () => (await frozen.token()) === fresh, 15_000, 'the frozen tab to adopt the new token');
    expect(await frozen.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
    expect(await frozen.fetchMe()).toEqual([200]);
    expect(await other.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
    expect(control.count('refresh')).toBe(1);
    expect(failedRefreshes(world.server)).toEqual([]);
  });

  for (const order of ['before', 'after'] as const) {
    it(`a frozen tab whose stale refresh reaches the server after another tab rotated the token (released ${order} it resumes) ends no session`, async () => {
      const world = await e2e.start({ settings: { ...ROTATING, ACCESS_TOKEN_LIFETIME: 60 } });
      const [frozen, other] = [await world.open(tabOptions), await world.open(tabOptions)];
      expect(await frozen.login()).toMatchObject({ ok: true });
      await other.waitForStatus('authenticated', ALICE.id);
      const { control } = world.server.mock;

      const held = world.server.hold(REFRESH_PATH);
      await frozen.start('refresh');
      await held.arrived;
      const cdp = await frozen.cdp();
      await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
      expect(await other.refresh()).toEqual({ ok: true, value: undefined });
      const fresh = await other.token();

      // The frozen tab's request, carrying the refresh token the other tab's rotation blacklisted.
      if (order === 'before') held.release();
      await cdp.send('Page.setWebLifecycleState', { state: 'active' });
      if (order === 'after') held.release();
      await until(() => control.count('refresh') === 2, 15_000, 'the stale refresh to reach the mock');
      expect(failedRefreshes(world.server)).toEqual([{ status: 401 }].map((entry) => expect.objectContaining(entry)));

      await until(async () => !(await frozen.state()).isRefreshing, 15_000, 'the frozen tab to settle');
      for (const tab of [frozen, other]) {
        expect(await tab.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
        expect(await tab.token()).toBe(fresh);
        expect(await tab.fetchMe()).toEqual([200]);
        expect((await tab.events()).map((event) => event.type)).not.toContain('logout');
      }
      expect(control.count('refresh')).toBe(2);
    });
  }
});
