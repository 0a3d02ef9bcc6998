/**
 * Web Locks single-flight across real tabs: however many tabs hold one rotating, blacklisting
 * session, each moment the access token falls due costs exactly one refresh request at the server,
 * and every tab ends on the same working token.
 */
import { describe, expect, it } from 'vitest';
import { ALICE, ROTATING, failedRefreshes, requestLog, until, useE2e, type E2eWorld, type Tab } from './harness.js';

const e2e = useE2e();

/** Every tab holds the same access token, none is refreshing, all are authenticated as alice. */
async function expectOneSession(tabs: Tab[]): Promise<string> {
  const states = await Promise.all(tabs.map((tab) => tab.state()));
  for (const state of states) expect(state).toMatchObject({ status: 'authenticated', userId: ALICE.id, error: null });
  const tokens = await Promise.all(tabs.map((tab) => tab.token()));
  expect(new Set(tokens).size, 'tabs disagree on the access token').toBe(1);
  return tokens[0] as string;
}

/** Waits until every tab holds the same token and none is refreshing. */
async function settled(tabs: Tab[]): Promise<void> {
  await until(
    async () => {
      const states = await Promise.all(tabs.map((tab) => tab.state()));
      if (states.some((state) => state.isRefreshing || state.status !== 'authenticated')) return false;
      const tokens = await Promise.all(tabs.map((tab) => tab.token()));
      return new Set(tokens).size === 1;
    },
    15_000,
    'the tabs to settle on one token',
  );
}

/** No tab ended its session, and every refresh request the server saw succeeded (none reused a blacklisted token). */
async function expectNoSessionLost(world: E2eWorld): Promise<void> {
  expect(failedRefreshes(world.server)).toEqual([]);
  for (const tab of world.tabs) {
    const types = (await tab.events()).map((event) => event.type);
    expect(types).not.toContain('logout');
    expect(types).not.toContain('session-expired');
    expect(types).not.toContain('refresh-failure');
  }
}

/** Refreshes committed by some tab (each tab emits refresh-success only for a request it made). */
async function committedRefreshes(tabs: Tab[]): Promise<number> {
  const events = await Promise.all(tabs.map((tab) => tab.events()));
  return events.flat().filter((event) => event.type === 'refresh-success').length;
}

describe('cross-tab single-flight refresh (Web Locks)', () => {
  for (const tabCount of [2, 3]) {
    it(`${tabCount} tabs whose tokens fall due at the same moment make one refresh request per due moment`, async () => {
      const world = await e2e.start({ settings: { ...ROTATING, ACCESS_TOKEN_LIFETIME: 4 } });
      const tabs: Tab[] = [];
      for (let i = 0; i < tabCount; i++) tabs.push(await world.open({ leeway: '1' }));
      const [first, ...others] = tabs as [Tab, ...Tab[]];

      expect(await first.login()).toMatchObject({ ok: true });
      for (const tab of others) await tab.waitForStatus('authenticated', ALICE.id);
      const issued = await expectOneSession(tabs);
      const { control } = world.server.mock;
      expect(control.count('obtain')).toBe(1);
      expect(control.count('refresh')).toBe(0);

      // Each tab's own timer fires at the due moment; the lock lets one of them refresh.
      await until(() => control.count('refresh') >= 1, 15_000, 'the first proactive refresh');
      await settled(tabs);
      expect(control.count('refresh'), requestLog(world.server)).toBe(1);
      const second = await expectOneSession(tabs);
      expect(second).not.toBe(issued);

      await until(() => control.count('refresh') >= 2, 15_000, 'the second proactive refresh');
      await settled(tabs);
      expect(control.count('refresh'), requestLog(world.server)).toBe(2);
      const third = await expectOneSession(tabs);
      expect(third).not.toBe(second);
      expect(await committedRefreshes(tabs)).toBe(2);

      // The shared token works in every tab, without another refresh.
      for (const tab of tabs) expect(await tab.fetchMe()).toEqual([200]);
      expect(control.count('refresh')).toBe(2);
      await expectNoSessionLost(world);
    });
  }

  it('3 tabs fetching at once after the machine slept past expiry make one refresh request', async () => {
    const world = await e2e.start({ settings: { ...ROTATING, ACCESS_TOKEN_LIFETIME: 60 } });
    const tabs: Tab[] = [];
    for (let i = 0; i < 3; i++) tabs.push(await world.open({ leeway: '1', skewableClock: '1' }));
    expect(await tabs[0]!.login()).toMatchObject({ ok: true });
    for (const tab of tabs) await tab.waitForStatus('authenticated', ALICE.id);
    const { control } = world.server.mock;

    for (let round = 1; round <= 2; round++) {
      const before = await expectOneSession(tabs);
      // Both clocks jump two minutes, as over a laptop's sleep; no timer has fired yet.
      control.advanceClock(120_000);
      await Promise.all(tabs.map((tab) => tab.setSkew(round * 120_000)));
      const statuses = await Promise.all(tabs.map((tab) => tab.fetchMe(5)));
      expect(statuses.flat()).toEqual(Array(15).fill(200));
      await settled(tabs);
      expect(control.count('refresh'), requestLog(world.server)).toBe(round);
      expect(await expectOneSession(tabs)).not.toBe(before);
    }
    expect(await committedRefreshes(tabs)).toBe(2);
    await expectNoSessionLost(world);
  });

  it('3 tabs whose token the server rejects (401) at once make one refresh request', async () => {
    const world = await e2e.start({ settings: { ...ROTATING, ACCESS_TOKEN_LIFETIME: 60 } });
    const tabs: Tab[] = [];
    for (let i = 0; i < 3; i++) tabs.push(await world.open({ leeway: '1' }));
    expect(await tabs[0]!.login()).toMatchObject({ ok: true });
    for (const tab of tabs) await tab.waitForStatus('authenticated', ALICE.id);
    const { control } = world.server.mock;
    const before = await expectOneSession(tabs);

    // Only the server's clock moves: the tabs still think the token is valid until the 401.
    control.advanceClock(61_000);
    const statuses = await Promise.all(tabs.map((tab) => tab.fetchMe(5)));
    expect(statuses.flat()).toEqual(Array(15).fill(200));
    await settled(tabs);
    expect(control.count('refresh'), requestLog(world.server)).toBe(1);
    expect(await expectOneSession(tabs)).not.toBe(before);
    // Every protected request was answered 401 at most once per tab's stale token, then 200.
    const meStatuses = control.requests.filter((entry) => entry.endpoint === 'me').map((entry) => entry.status);
    expect(meStatuses.filter((status) => status === 200)).toHaveLength(15);
    await expectNoSessionLost(world);
  });
});
