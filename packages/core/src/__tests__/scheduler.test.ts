import { afterEach, describe, expect, it } from 'vitest';
import { alice, setup, useContinuously, type World } from './support.js';

let env: World;
afterEach(() => env.teardown());

const second = 1_000;
const minute = 60_000;

/** A device clock `offset()` ms off the world's (the server's) clock. */
const skewedDevice = (env: World, offset: () => number) =>
  env.world.fork({ clock: { now: () => env.world.now() + offset() } });

describe('proactive refresh while the session is in use', () => {
  it('refreshes refreshLeeway before expiry, once per access lifetime, with one timer', async () => {
    env = setup({ fake: {} });
    const auth = env.client({ refreshLeeway: 30 });
    await auth.ready;
    await auth.login(alice);
    expect(env.world.pendingTimers()).toBe(1);
    expect(await useContinuously(env.world, auth, 3_500 * second, 10 * second)).toBe(0);
    // Each token is replaced 30 s before it expires, just after a whole server second: every 270 s.
    expect(env.refreshes()).toBe(12);
    expect(env.unauthorized()).toBe(0);
    expect(env.world.pendingTimers()).toBe(1);
  });

  it.each([
    [2, 20],
    [3, 20],
    [10, 20],
    [60, 10],
    [300, 10],
  ])('refreshes at most 1.5 times per lifetime in continuous use (%i s tokens)', async (lifetime, lifetimes) => {
    env = setup({ fake: { accessLifetime: lifetime, rotate: true, blacklistAfterRotation: true } });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    const failed = await useContinuously(env.world, auth, lifetimes * lifetime * second, (lifetime * second) / 20);
    expect(failed).toBe(0);
    expect(env.refreshes() / lifetimes).toBeLessThanOrEqual(1.5);
    expect(env.unauthorized()).toBe(0);
  });

  it('does not loop when the access lifetime is shorter than the leeway', async () => {
    env = setup({ fake: { accessLifetime: 10 } });
    const auth = env.client({ refreshLeeway: 60 });
    await auth.ready;
    await auth.login(alice);
    expect(await useContinuously(env.world, auth, minute, second)).toBe(0);
    expect(env.refreshes()).toBeLessThanOrEqual(9);
  });

  it('handles lifetimes beyond setTimeout’s 2^31−1 ms limit with one re-armed timer', async () => {
    const day = 86_400;
    env = setup({ fake: { accessLifetime: 60 * day, refreshLifetime: 90 * day } });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    await auth.getAccessToken();
    await env.world.advance(30 * day * second);
    expect(env.refreshes()).toBe(0);
    expect(env.world.pendingTimers()).toBe(1);
    await env.world.advance(30 * day * second);
    expect(env.refreshes()).toBe(1);
  });

  it('refreshes on wake-up after the device slept past the refresh time (no timer fired)', async () => {
    env = setup({ fake: {} });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    await auth.getAccessToken();
    env.world.setNow(env.world.now() + 20 * minute);
    await env.world.flush();
    expect(env.refreshes()).toBe(0);
    env.world.wake();
    await env.world.advance(second);
    expect(env.refreshes()).toBe(1);
    expect(auth.getState().status).toBe('authenticated');
  });

  it('checks expiry before each request, so a throttled timer never sends an expired token', async () => {
    env = setup({ fake: {} });
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

describe('an idle session', () => {
  it('sends no refresh for 10 lifetimes, then refreshes before its next request (no 401)', async () => {
    env = setup({ fake: { rotate: true, blacklistAfterRotation: true } });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    await env.world.advance(10 * 300 * second);
    expect(env.refreshes()).toBe(0);
    expect(auth.getState().status).toBe('authenticated');
    expect((await auth.fetch('api/me/')).status).toBe(200);
    expect(env.refreshes()).toBe(1);
    expect(env.unauthorized()).toBe(0);
  });

  it('uses the session once, then refreshes at most once more while idle', async () => {
    env = setup({ fake: {} });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    await auth.fetch('api/me/');
    await env.world.advance(10 * 300 * second);
    expect(env.refreshes()).toBe(1);
  });

  it('ends at the refresh token’s expiry without a request; the next call finds it ended', async () => {
    env = setup({ fake: { accessLifetime: 2, refreshLifetime: 6, rotate: true, blacklistAfterRotation: true } });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    await env.world.advance(7 * second);
    expect(env.refreshes()).toBe(0);
    expect(auth.getState()).toMatchObject({ status: 'unauthenticated', error: { reason: 'token_not_valid' } });
    expect(env.events.filter((e) => e.type === 'session-expired')).toHaveLength(1);
    expect(await auth.getAccessToken()).toBeNull();
    expect(env.world.pendingTimers()).toBe(0);
  });

  it('keepAlive: true refreshes on a timer while idle', async () => {
    env = setup({ fake: {} });
    const auth = env.client({ keepAlive: true });
    await auth.ready;
    await auth.login(alice);
    await env.world.advance(3_500 * second);
    expect(env.refreshes()).toBe(12);
  });
});

describe('the server’s clock', () => {
  it.each([
    ['server 5 min ahead', 5 * minute],
    ['server 5 min behind', -5 * minute],
    ['server 1 h ahead', 60 * minute],
    ['server 1 h behind', -60 * minute],
  ])('schedules by server time when the clocks disagree (%s): no 401, no loop', async (_name, skewMs) => {
    env = setup({ fake: {}, skewMs });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    expect(await useContinuously(env.world, auth, 58 * minute, minute)).toBe(0);
    expect(env.refreshes()).toBeLessThanOrEqual(13);
    expect(env.unauthorized()).toBe(0);
  });

  it.each([
    ['+1 h', 60 * minute],
    ['−1 h', -60 * minute],
  ])(
    'stays right when the device clock changes by %s after login, without rotation, and after a reload',
    async (_name, jump) => {
      env = setup({ fake: {} });
      let offset = 0;
      const device = skewedDevice(env, () => offset);
      const auth = env.client({}, device);
      await auth.ready;
      await auth.login(alice);
      offset = jump;
      expect(await useContinuously(env.world, auth, 60 * minute, 10 * second)).toBe(0);
      // 12 lifetimes of 5 minutes: at most ~1.2 refreshes each.
      expect(env.refreshes()).toBeLessThanOrEqual(14);
      auth.destroy();
      const before = env.refreshes();
      const reloaded = env.client(
        {},
        skewedDevice(env, () => offset),
      );
      await reloaded.ready;
      expect(await useContinuously(env.world, reloaded, 60 * minute, 10 * second)).toBe(0);
      expect(env.refreshes() - before).toBeLessThanOrEqual(14);
      expect(env.unauthorized()).toBeLessThanOrEqual(1);
    },
  );
});
