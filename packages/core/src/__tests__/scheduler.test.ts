import { afterEach, describe, expect, it } from 'vitest';
import { advanceInSteps, alice, setup, until } from './support.js';

let env: ReturnType<typeof setup>;
afterEach(() => env.teardown());

const minute = 60_000;

describe('proactive refresh', () => {
  it('refreshes refreshLeeway before expiry, once per access lifetime, with one timer', async () => {
    env = setup();
    const auth = env.client({ refreshLeeway: 30 });
    await auth.ready;
    await auth.login(alice);
    expect(env.world.pendingTimers()).toBe(1);
    await env.world.advance(269_000);
    expect(env.refreshes()).toBe(0);
    await env.world.advance(2_000);
    await until(env.world, () => env.refreshes() === 1);
    expect(env.world.pendingTimers()).toBe(1);
    await advanceInSteps(env.world, 3_500_000 - 271_000, 10_000);
    // Each token is replaced 30 s before it expires, so refreshes come every 300 − 30 s (269 s,
    // as exp is whole seconds): at 269.5 s, 538.5 s, …, 3497.5 s — 13 in 3500 s.
    expect(env.refreshes()).toBe(13);
    expect(env.world.pendingTimers()).toBe(1);
  });

  it.each([
    ['server 5 min ahead', 5 * minute],
    ['server 5 min behind', -5 * minute],
    ['server 1 h ahead', 60 * minute],
    ['server 1 h behind', -60 * minute],
  ])('schedules by server time when the clocks disagree (%s): no 401, no loop', async (_name, skewMs) => {
    env = setup({ skewMs });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    for (let t = 0; t < 58; t++) {
      await env.world.advance(minute);
      const response = await auth.fetch('api/me/');
      expect(response.status).toBe(200);
    }
    // 58 minutes of 5-minute tokens refreshed 30 s early: every 269 s from 269.5 s, 12 in 3480 s.
    expect(env.refreshes()).toBe(12);
    expect(env.unauthorized()).toBe(0);
  });

  it('does not loop when the access lifetime is shorter than the leeway', async () => {
    env = setup({ settings: { ACCESS_TOKEN_LIFETIME: 10 } });
    const auth = env.client({ refreshLeeway: 60 });
    await auth.ready;
    await auth.login(alice);
    await advanceInSteps(env.world, 60_000);
    // Refreshed at half of each 10 s lifetime: about 12 times a minute, not thousands.
    expect(env.refreshes()).toBeGreaterThanOrEqual(10);
    expect(env.refreshes()).toBeLessThanOrEqual(13);
  });

  it('handles lifetimes beyond setTimeout’s 2^31−1 ms limit with one re-armed timer', async () => {
    const day = 86_400;
    env = setup({ settings: { ACCESS_TOKEN_LIFETIME: 60 * day, REFRESH_TOKEN_LIFETIME: 90 * day } });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    await env.world.advance(30 * day * 1000);
    expect(env.refreshes()).toBe(0);
    expect(env.world.pendingTimers()).toBe(1);
    await env.world.advance(30 * day * 1000);
    expect(env.refreshes()).toBe(1);
  });

  it('refreshes on wake-up after the device slept past the refresh time (no timer fired)', async () => {
    env = setup();
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    env.world.setNow(env.world.now() + 20 * minute);
    await env.world.flush();
    expect(env.refreshes()).toBe(0);
    env.world.wake();
    await env.world.flush();
    expect(env.refreshes()).toBe(1);
    expect(auth.getState().status).toBe('authenticated');
  });

  it('checks expiry before each request, so a throttled timer never sends an expired token', async () => {
    env = setup();
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    env.world.setNow(env.world.now() + 10 * minute);
    const response = await auth.fetch('api/me/');
    expect(response.status).toBe(200);
    expect(env.refreshes()).toBe(1);
    expect(env.unauthorized()).toBe(0);
  });
});
