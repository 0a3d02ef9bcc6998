import { describe, expect, it } from 'vitest';
import { createTestPlatform } from '../testing.js';

describe('createTestPlatform: virtual time', () => {
  it('starts at the default or given time and reports it through clock.now()', () => {
    expect(createTestPlatform().now()).toBe(1_700_000_000_000);
    const platform = createTestPlatform({ now: 42 });
    expect(platform.now()).toBe(42);
    expect(platform.clock.now()).toBe(42);
  });

  it('fires due timers in time order (ties in scheduling order) with the clock at their due time', async () => {
    const platform = createTestPlatform({ now: 1000 });
    const fired: Array<[string, number]> = [];
    const at = (label: string) => () => fired.push([label, platform.now()]);
    platform.timers.setTimeout(at('c'), 300);
    platform.timers.setTimeout(at('a'), 100);
    platform.timers.setTimeout(at('b'), 200);
    platform.timers.setTimeout(at('a2'), 100);

    await platform.advance(150);
    expect(fired).toEqual([
      ['a', 1100],
      ['a2', 1100],
    ]);
    expect(platform.now()).toBe(1150);
    expect(platform.pendingTimers()).toBe(2);

    await platform.advance(1000);
    expect(fired.map(([label]) => label)).toEqual(['a', 'a2', 'b', 'c']);
    expect(fired[3]).toEqual(['c', 1300]);
    expect(platform.now()).toBe(2150);
    expect(platform.pendingTimers()).toBe(0);
  });

  it('fires a timer scheduled by another timer within the same advance', async () => {
    const platform = createTestPlatform({ now: 0 });
    const fired: number[] = [];
    platform.timers.setTimeout(() => {
      fired.push(platform.now());
      platform.timers.setTimeout(() => fired.push(platform.now()), 50);
    }, 100);
    await platform.advance(200);
    expect(fired).toEqual([100, 150]);
  });

  it('does not fire cleared timers and stops counting them', async () => {
    const platform = createTestPlatform();
    let fired = false;
    const handle = platform.timers.setTimeout(() => (fired = true), 10);
    expect(platform.pendingTimers()).toBe(1);
    platform.timers.clearTimeout(handle);
    expect(platform.pendingTimers()).toBe(0);
    await platform.advance(100);
    expect(fired).toBe(false);
  });

  it('setNow jumps the wall clock without firing timers, which keep their own delay', async () => {
    const platform = createTestPlatform({ now: 0 });
    let fired = false;
    platform.timers.setTimeout(() => (fired = true), 1000);
    platform.setNow(3_600_000);
    expect(platform.now()).toBe(3_600_000);
    await platform.flush();
    expect(fired).toBe(false);
    expect(platform.pendingTimers()).toBe(1);
    await platform.advance(999);
    expect(fired).toBe(false);
    await platform.advance(1);
    expect(fired).toBe(true);
    expect(platform.now()).toBe(3_601_000);
  });

  it('lets promise chains started by a timer settle before advance resolves', async () => {
    const platform = createTestPlatform();
    let done = false;
    platform.timers.setTimeout(() => {
      void (async () => {
        for (let step = 0; step < 20; step += 1) await Promise.resolve();
        await new Promise<void>((resolve) => setImmediate(resolve));
        done = true;
      })();
    }, 10);
    await platform.advance(10);
    expect(done).toBe(true);
  });

  it('flush settles pending promise chains without moving time', async () => {
    const platform = createTestPlatform({ now: 5 });
    let done = false;
    void Promise.resolve()
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => (done = true));
    await platform.flush();
    expect(done).toBe(true);
    expect(platform.now()).toBe(5);
  });

  it('rethrows a timer callback error after firing the remaining due timers', async () => {
    const platform = createTestPlatform();
    let later = false;
    platform.timers.setTimeout(() => {
      throw new Error('boom');
    }, 10);
    platform.timers.setTimeout(() => (later = true), 20);
    await expect(platform.advance(30)).rejects.toThrow('boom');
    expect(later).toBe(true);
    expect(platform.now()).toBe(1_700_000_000_030);
  });
});

describe('createTestPlatform: listeners, channels and network', () => {
  it('counts wake, online and channel listeners up and back to zero', () => {
    const platform = createTestPlatform();
    const offWake = platform.onWake(() => {});
    const offOnline = platform.onOnline(() => {});
    const channel = platform.openChannel('session');
    const offMessage = channel.subscribe(() => {});
    channel.subscribe(() => {});
    expect(platform.listenerCount()).toBe(4);
    expect(platform.openChannels()).toBe(1);

    offWake();
    offWake();
    offOnline();
    offMessage();
    expect(platform.listenerCount()).toBe(1);
    channel.close();
    expect(platform.listenerCount()).toBe(0);
    expect(platform.openChannels()).toBe(0);
  });

  it('wake() calls the subscribed wake listeners only', () => {
    const platform = createTestPlatform();
    const calls: string[] = [];
    platform.onWake(() => calls.push('kept'));
    const off = platform.onWake(() => calls.push('removed'));
    off();
    platform.wake();
    expect(calls).toEqual(['kept']);
  });

  it('setOnline flips isOnline and fires onOnline only when coming back online', () => {
    const platform = createTestPlatform({ online: false });
    let calls = 0;
    platform.onOnline(() => (calls += 1));
    expect(platform.isOnline()).toBe(false);
    platform.setOnline(true);
    expect(platform.isOnline()).toBe(true);
    platform.setOnline(true);
    expect(calls).toBe(1);
    platform.setOnline(false);
    expect(platform.isOnline()).toBe(false);
    expect(calls).toBe(1);
  });

  it('delivers channel messages to other members of the name, never back to the sender', async () => {
    const platform = createTestPlatform();
    const sender = platform.openChannel('session');
    const receiver = platform.openChannel('session');
    const stranger = platform.openChannel('other');
    const got: Record<string, unknown[]> = { sender: [], receiver: [], stranger: [] };
    sender.subscribe((message) => got.sender?.push(message));
    receiver.subscribe((message) => got.receiver?.push(message));
    stranger.subscribe((message) => got.stranger?.push(message));
    sender.post({ type: 'logout' });
    await platform.flush();
    expect(got).toEqual({ sender: [], receiver: [{ type: 'logout' }], stranger: [] });
  });

  it('uses the given fetch and random, and a rejecting fetch by default', async () => {
    const fetch: typeof globalThis.fetch = async () => new Response('ok');
    const platform = createTestPlatform({ fetch, random: () => 0.25 });
    expect(platform.fetch).toBe(fetch);
    expect(platform.random()).toBe(0.25);
    expect(createTestPlatform().random()).toBe(0.5);
    await expect(createTestPlatform().fetch('https://api.example.com/')).rejects.toThrow(/no fetch was given/);
  });
});

describe('createTestPlatform: fork', () => {
  it('shares virtual time and the timer queue', async () => {
    const tab1 = createTestPlatform({ now: 0 });
    const tab2 = tab1.fork();
    let fired = false;
    tab2.timers.setTimeout(() => (fired = true), 100);
    expect(tab1.pendingTimers()).toBe(0);
    expect(tab2.pendingTimers()).toBe(1);
    await tab1.advance(100);
    expect(fired).toBe(true);
    expect(tab2.now()).toBe(100);
    tab2.setNow(5000);
    expect(tab1.now()).toBe(5000);
  });

  it('counts its own listeners and channels, and has its own wake and online state', () => {
    const tab1 = createTestPlatform();
    const tab2 = tab1.fork();
    const woken: string[] = [];
    tab1.onWake(() => woken.push('tab1'));
    tab2.onWake(() => woken.push('tab2'));
    tab2.openChannel('session').subscribe(() => {});
    expect(tab1.listenerCount()).toBe(1);
    expect(tab2.listenerCount()).toBe(2);
    expect(tab1.openChannels()).toBe(0);
    expect(tab2.openChannels()).toBe(1);
    tab2.wake();
    expect(woken).toEqual(['tab2']);
    tab2.setOnline(false);
    expect(tab1.isOnline()).toBe(true);
    expect(tab2.isOnline()).toBe(false);
  });

  it('shares the channel bus', async () => {
    const tab1 = createTestPlatform();
    const tab2 = tab1.fork();
    const got: unknown[] = [];
    tab2.openChannel('session').subscribe((message) => got.push(message));
    tab1.openChannel('session').post('refreshed');
    await tab1.flush();
    expect(got).toEqual(['refreshed']);
  });

  it('shares the locks, stealing after stealAfterMs of virtual time', async () => {
    const tab1 = createTestPlatform();
    const tab2 = tab1.fork();
    const order: string[] = [];
    void tab1.locks.request('refresh', { stealAfterMs: 1000 }, () => new Promise<never>(() => {}));
    const second = tab2.locks.request('refresh', { stealAfterMs: 1000 }, async () => {
      order.push('tab2');
      return 'stolen';
    });
    await tab1.flush();
    expect(order).toEqual([]);
    expect(tab2.pendingTimers()).toBe(1);
    await tab1.advance(1000);
    await expect(second).resolves.toBe('stolen');
    expect(order).toEqual(['tab2']);
  });

  it('applies overrides to the fork only', () => {
    const tab1 = createTestPlatform();
    const tab2 = tab1.fork({ random: () => 0.9 });
    expect(tab2.random()).toBe(0.9);
    expect(tab1.random()).toBe(0.5);
  });
});
