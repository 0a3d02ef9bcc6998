import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectPlatform } from '../platform/default.js';
import { createTestPlatform } from '../testing.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('detectPlatform outside browsers (Node)', () => {
  it('has no wake or online events, and believes it is online', () => {
    const platform = detectPlatform();
    const offWake = platform.onWake(() => {});
    const offOnline = platform.onOnline(() => {});
    expect(() => {
      offWake();
      offOnline();
    }).not.toThrow();
    expect(platform.isOnline()).toBe(true);
  });

  it('reads navigator.onLine when it is false', () => {
    const platform = detectPlatform();
    vi.stubGlobal('navigator', { onLine: false });
    expect(platform.isOnline()).toBe(false);
  });

  it('uses the process-wide in-memory locks', async () => {
    const a = detectPlatform();
    const b = detectPlatform();
    let release!: () => void;
    const held = a.locks.request(
      'detect-node-lock',
      { stealAfterMs: 60_000 },
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    let ran = false;
    const waiting = b.locks.request('detect-node-lock', { stealAfterMs: 60_000 }, async () => {
      ran = true;
    });
    await settle();
    expect(ran).toBe(false);
    release();
    await Promise.all([held, waiting]);
    expect(ran).toBe(true);
  });

  it('uses the process-wide in-memory bus for channels, never echoing to the sender', async () => {
    const a = detectPlatform().openChannel('detect-node-channel');
    const b = detectPlatform().openChannel('detect-node-channel');
    const got: string[] = [];
    a.subscribe((message) => got.push(`a:${String(message)}`));
    b.subscribe((message) => got.push(`b:${String(message)}`));
    a.post('hi');
    await settle();
    a.close();
    b.close();
    expect(got).toEqual(['b:hi']);
  });

  it('reads globalThis.fetch at call time', async () => {
    const platform = detectPlatform();
    const fetch = vi.fn(async () => new Response('late'));
    vi.stubGlobal('fetch', fetch);
    const response = await platform.fetch('https://api.example.com/', { method: 'POST' });
    expect(await response.text()).toBe('late');
    expect(fetch).toHaveBeenCalledWith('https://api.example.com/', { method: 'POST' });
  });

  it('uses timers installed after detection (fake timers)', () => {
    const platform = detectPlatform();
    vi.useFakeTimers();
    const callback = vi.fn();
    const handle = platform.timers.setTimeout(callback, 1000);
    const cleared = vi.fn();
    platform.timers.clearTimeout(platform.timers.setTimeout(cleared, 500));
    vi.advanceTimersByTime(999);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledOnce();
    expect(cleared).not.toHaveBeenCalled();
    platform.timers.clearTimeout(handle);
  });

  it('reads Date.now at call time and uses Math.random', () => {
    const platform = detectPlatform();
    vi.useFakeTimers({ now: 1234 });
    expect(platform.clock.now()).toBe(1234);
    expect(platform.random).toBe(Math.random);
  });

  it('lets overrides replace detected members, and ignores undefined ones', () => {
    const test = createTestPlatform();
    const fetch: typeof globalThis.fetch = async () => new Response('x');
    const platform = detectPlatform({ fetch, timers: test.timers, locks: test.locks, random: undefined });
    expect(platform.fetch).toBe(fetch);
    expect(platform.timers).toBe(test.timers);
    expect(platform.locks).toBe(test.locks);
    expect(platform.random).toBe(Math.random);
  });

  it('builds the in-memory locks on the given timers', async () => {
    const test = createTestPlatform();
    const platform = detectPlatform({ timers: test.timers });
    void platform.locks.request('detect-node-steal', { stealAfterMs: 1000 }, () => new Promise<never>(() => {}));
    let ran = false;
    void platform.locks.request('detect-node-steal', { stealAfterMs: 1000 }, async () => {
      ran = true;
    });
    expect(test.pendingTimers()).toBe(1);
    await test.advance(1000);
    expect(ran).toBe(true);
  });
});
