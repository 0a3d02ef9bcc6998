/**
 * Session changes reach every tab of the origin: over BroadcastChannel, and over localStorage
 * `storage` events in browsers without BroadcastChannel.
 */
import { describe, expect, it } from 'vitest';
import { ALICE, CAROL, ROTATING, STORAGE_KEY, countOf, failedRefreshes, until, useE2e, type Tab } from './harness.js';

const e2e = useE2e();

const blacklistStatuses = (requests: ReadonlyArray<{ endpoint: string | null; status: number }>): number[] =>
  requests.filter((entry) => entry.endpoint === 'blacklist').map((entry) => entry.status);

describe('tab sync over BroadcastChannel', () => {
  it('a login in one tab is picked up by the others, with no request of theirs', async () => {
    const world = await e2e.start({ settings: { ...ROTATING } });
    const tabs = [await world.open(), await world.open(), await world.open()] as const;
    for (const tab of tabs) expect(await tab.state()).toMatchObject({ status: 'unauthenticated', userId: null });

    expect(await tabs[0].login()).toMatchObject({ ok: true });
    await tabs[1].waitForStatus('authenticated', ALICE.id);
    await tabs[2].waitForStatus('authenticated', ALICE.id);
    const tokens = await Promise.all(tabs.map((tab) => tab.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toEqual(expect.any(String));
    for (const tab of tabs.slice(1)) {
      expect(await tab.events()).toEqual([{ type: 'tab-sync', change: 'login' }]);
    }

    // The adopted token works as it is: one obtain, no refresh, anywhere.
    for (const tab of tabs) expect(await tab.fetchMe(2)).toEqual([200, 200]);
    const { control } = world.server.mock;
    expect(control.count('obtain')).toBe(1);
    expect(control.count('refresh')).toBe(0);
  });

  it('a login as another user in one tab switches every tab to that user', async () => {
    const world = await e2e.start({ settings: { ...ROTATING } });
    const [a, b] = [await world.open(), await world.open()];
    expect(await a.login(ALICE)).toMatchObject({ ok: true });
    await b.waitForStatus('authenticated', ALICE.id);
    expect(await b.login(CAROL)).toMatchObject({ ok: true });
    await a.waitForStatus('authenticated', CAROL.id);
    expect((await a.me()).body).toMatchObject({ username: 'carol' });
    expect(world.server.mock.control.count('refresh')).toBe(0);
  });

  it('a logout in one tab ends the session in all and blacklists the refresh token once', async () => {
    const world = await e2e.start({ settings: { ...ROTATING } });
    const tabs = [await world.open(), await world.open(), await world.open()] as const;
    expect(await tabs[0].login()).toMatchObject({ ok: true });
    for (const tab of tabs) await tab.waitForStatus('authenticated', ALICE.id);

    expect(await tabs[1].logout()).toMatchObject({ ok: true });
    for (const tab of tabs) await tab.waitForStatus('unauthenticated', null);
    const { control } = world.server.mock;
    expect(blacklistStatuses(control.requests)).toEqual([200]);
    for (const tab of [tabs[0], tabs[2]]) {
      const events = await tab.events();
      expect(events).toContainEqual({ type: 'logout', source: 'other-tab' });
      expect(events).not.toContainEqual({ type: 'logout', source: 'this-tab' });
    }
    expect(await tabs[1].events()).toContainEqual({ type: 'logout', source: 'this-tab' });
    expect(Object.keys((await tabs[2].storage()).local)).not.toContain(STORAGE_KEY);

    // No tab holds a token any more: the protected endpoint answers 401 and nothing is refreshed.
    for (const tab of tabs) {
      expect(await tab.token()).toBeNull();
      expect(await tab.fetchMe()).toEqual([401]);
    }
    expect(control.count('refresh')).toBe(0);
    expect(blacklistStatuses(control.requests)).toEqual([200]);
  });
});

describe('tab sync over storage events (no BroadcastChannel)', () => {
  it('login, rotation and logout propagate through localStorage storage events', async () => {
    const world = await e2e.start({ settings: { ...ROTATING } });
    const options = { noBroadcastChannel: '1' } as const;
    const [a, b] = [await world.open(options), await world.open(options)] as [Tab, Tab];
    for (const tab of [a, b])
      expect(await tab.page.evaluate(() => typeof globalThis.BroadcastChannel)).toBe('undefined');
    const { control } = world.server.mock;

    // Login.
    expect(await a.login()).toMatchObject({ ok: true });
    await b.waitForStatus('authenticated', ALICE.id);
    const issued = await a.token();
    expect(await b.token()).toBe(issued);
    expect(await b.events()).toEqual([{ type: 'tab-sync', change: 'login' }]);

    // A refresh (rotating and blacklisting the refresh token) in tab A reaches tab B.
    expect(await a.refresh()).toMatchObject({ ok: true });
    const rotated = await a.token();
    expect(rotated).not.toBe(issued);
    await until(async () => (await b.token()) === rotated, 15_000, 'tab B to adopt the refreshed token');
    expect(await b.events()).toContainEqual({ type: 'tab-sync', change: 'refresh' });
    // Tab B got the rotated refresh token too: its own refresh is accepted (the old one is blacklisted).
    expect(await b.refresh()).toMatchObject({ ok: true });
    const again = await b.token();
    await until(async () => (await a.token()) === again, 15_000, 'tab A to adopt tab B’s refresh');
    expect(control.count('refresh')).toBe(2);
    expect(failedRefreshes(world.server)).toEqual([]);

    // Logout in tab B reaches tab A, and the latest refresh token is blacklisted once.
    expect(await b.logout()).toMatchObject({ ok: true });
    await a.waitForStatus('unauthenticated', null);
    expect(await a.events()).toContainEqual({ type: 'logout', source: 'other-tab' });
    expect(blacklistStatuses(control.requests)).toEqual([200]);
    expect(countOf(world.server, 'obtain')).toBe(1);
    expect(await a.fetchMe()).toEqual([401]);
  });
});
