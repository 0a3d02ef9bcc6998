import { describe, expect, it } from 'vitest';
import { createMemoryLocks, sharedMemoryLocks } from '../platform/memory-locks.js';
import { createTestPlatform } from '../testing.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}
const deferred = <T = void>(): Deferred<T> => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const LONG = { stealAfterMs: Number.POSITIVE_INFINITY };

describe('createMemoryLocks', () => {
  it('tells each task whether another holder came first (waited), also after a steal', async () => {
    const platform = createTestPlatform();
    const locks = createMemoryLocks(platform.timers);
    const grants: boolean[] = [];
    const gate = deferred();
    const first = locks.request('x', LONG, async ({ waited }) => {
      grants.push(waited);
      await gate.promise;
    });
    const second = locks.request('x', LONG, async ({ waited }) => void grants.push(waited));
    void locks.request('y', { stealAfterMs: 10 }, () => new Promise<never>(() => {}));
    const thief = locks.request('y', { stealAfterMs: 10 }, async ({ waited }) => void grants.push(waited));
    await platform.advance(10);
    await thief;
    gate.resolve();
    await Promise.all([first, second]);
    expect(grants).toEqual([false, true, true]);
  });

  it('runs tasks of one name one at a time, in request order', async () => {
    const platform = createTestPlatform();
    const locks = createMemoryLocks(platform.timers);
    let active = 0;
    let maxActive = 0;
    const order: number[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const results = gates.map((gate, index) =>
      locks.request('refresh', LONG, async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        order.push(index);
        await gate.promise;
        active -= 1;
        return index;
      }),
    );
    await platform.flush();
    expect(order).toEqual([0]);
    gates[2]?.resolve();
    gates[1]?.resolve();
    await platform.flush();
    expect(order).toEqual([0]);
    gates[0]?.resolve();
    await expect(Promise.all(results)).resolves.toEqual([0, 1, 2]);
    expect(order).toEqual([0, 1, 2]);
    expect(maxActive).toBe(1);
  });

  it('does not make different names wait for each other', async () => {
    const platform = createTestPlatform();
    const locks = createMemoryLocks(platform.timers);
    void locks.request('a', LONG, () => new Promise<never>(() => {}));
    await expect(locks.request('b', LONG, async () => 'b')).resolves.toBe('b');
  });

  it('lets a waiter take the lock after stealAfterMs when the holder never finishes', async () => {
    const platform = createTestPlatform();
    const locks = createMemoryLocks(platform.timers);
    void locks.request('refresh', { stealAfterMs: 5000 }, () => new Promise<never>(() => {}));
    let ran = false;
    const waiter = locks.request('refresh', { stealAfterMs: 5000 }, async () => {
      ran = true;
      return 'mine';
    });
    await platform.advance(4999);
    expect(ran).toBe(false);
    await platform.advance(1);
    expect(ran).toBe(true);
    await expect(waiter).resolves.toBe('mine');
  });

  it("ignores the old holder's late release while the thief holds the lock", async () => {
    const platform = createTestPlatform();
    const locks = createMemoryLocks(platform.timers);
    const old = deferred();
    const thief = deferred();
    const events: string[] = [];
    const first = locks.request('refresh', LONG, () => old.promise.then(() => events.push('old done')));
    const second = locks.request('refresh', { stealAfterMs: 100 }, async () => {
      events.push('thief start');
      await thief.promise;
      events.push('thief done');
    });
    const third = locks.request('refresh', LONG, async () => {
      events.push('third start');
    });
    await platform.advance(100);
    expect(events).toEqual(['thief start']);

    old.resolve();
    await first;
    await platform.flush();
    expect(events).toEqual(['thief start', 'old done']);

    thief.resolve();
    await Promise.all([second, third]);
    expect(events).toEqual(['thief start', 'old done', 'thief done', 'third start']);
  });

  it('releases the lock when the task throws or rejects, passing the error to the caller', async () => {
    const platform = createTestPlatform();
    const locks = createMemoryLocks(platform.timers);
    const syncThrow = locks.request('refresh', LONG, () => {
      throw new Error('sync');
    });
    const rejection = locks.request('refresh', LONG, async () => {
      throw new Error('async');
    });
    const after = locks.request('refresh', LONG, async () => 'after');
    await expect(syncThrow).rejects.toThrow('sync');
    await expect(rejection).rejects.toThrow('async');
    await expect(after).resolves.toBe('after');
  });

  it('clears the wait timer when the lock is granted in time', async () => {
    const platform = createTestPlatform();
    const locks = createMemoryLocks(platform.timers);
    const gate = deferred();
    const first = locks.request('refresh', { stealAfterMs: 1000 }, () => gate.promise);
    const second = locks.request('refresh', { stealAfterMs: 1000 }, async () => 'second');
    expect(platform.pendingTimers()).toBe(1);
    gate.resolve();
    await Promise.all([first, second]);
    expect(platform.pendingTimers()).toBe(0);
  });

  it('keeps separate registries apart, while sharedMemoryLocks instances exclude each other', async () => {
    const platform = createTestPlatform();
    const isolated = createMemoryLocks(platform.timers);
    void isolated.request('shared-test', LONG, () => new Promise<never>(() => {}));
    await expect(createMemoryLocks(platform.timers).request('shared-test', LONG, async () => 'free')).resolves.toBe(
      'free',
    );

    const gate = deferred();
    const held = sharedMemoryLocks(platform.timers).request('shared-test', LONG, () => gate.promise);
    let ran = false;
    const waiting = sharedMemoryLocks(platform.timers).request('shared-test', LONG, async () => {
      ran = true;
    });
    await platform.flush();
    expect(ran).toBe(false);
    gate.resolve();
    await Promise.all([held, waiting]);
    expect(ran).toBe(true);
  });
});
