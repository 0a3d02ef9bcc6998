/**
 * Single flight inside one page: a burst of authenticated requests with an expired access token
 * costs one refresh request, whether the client sees the expiry itself or learns it from a 401.
 */
import { describe, expect, it } from 'vitest';
import { ALICE, ROTATING, failedRefreshes, useE2e } from './harness.js';

const e2e = useE2e();

describe('single-flight refresh in one page', () => {
  it('100 concurrent fetches after the token expired (both clocks moved past it) make one refresh request', async () => {
    const world = await e2e.start({ settings: { ...ROTATING, ACCESS_TOKEN_LIFETIME: 60 } });
    const tab = await world.open({ skewableClock: '1', leeway: '1' });
    expect(await tab.login()).toMatchObject({ ok: true });
    const stale = await tab.token();
    const { control } = world.server.mock;

    control.advanceClock(90_000);
    await tab.setSkew(90_000);
    expect(await tab.fetchMe(100)).toEqual(Array(100).fill(200));
    expect(control.count('refresh')).toBe(1);
    expect(control.count('me')).toBe(100);
    expect(await tab.token()).not.toBe(stale);
    expect(await tab.state()).toMatchObject({
      status: 'authenticated',
      userId: ALICE.id,
      error: null,
      isRefreshing: false,
    });
    expect(failedRefreshes(world.server)).toEqual([]);
  });

  it('100 concurrent fetches whose token the server rejects as expired make one refresh request', async () => {
    const world = await e2e.start({ settings: { ...ROTATING, ACCESS_TOKEN_LIFETIME: 60 } });
    const tab = await world.open({ leeway: '1' });
    expect(await tab.login()).toMatchObject({ ok: true });
    const { control } = world.server.mock;

    // Only the server's clock moves: the page learns of the expiry from 401s.
    control.advanceClock(61_000);
    expect(await tab.fetchMe(100)).toEqual(Array(100).fill(200));
    expect(control.count('refresh')).toBe(1);
    const me = control.requests.filter((entry) => entry.endpoint === 'me');
    expect(me.filter((entry) => entry.status === 200)).toHaveLength(100);
    expect(me.filter((entry) => entry.status !== 200 && entry.status !== 401)).toEqual([]);
    expect(await tab.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id, error: null });
    expect(failedRefreshes(world.server)).toEqual([]);
  });
});
