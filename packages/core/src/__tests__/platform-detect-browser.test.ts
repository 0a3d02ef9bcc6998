import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectPlatform } from '../platform/default.js';
import { createTestPlatform } from '../testing.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

interface FakeDocument extends EventTarget {
  visibilityState: string;
}

/** Stubs a browser window and document made of plain EventTargets. */
const stubBrowser = (): { win: EventTarget; doc: FakeDocument } => {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', doc);
  return { win, doc };
};

class FakeBroadcastChannel extends EventTarget {
  static readonly instances: FakeBroadcastChannel[] = [];
  readonly posted: unknown[] = [];
  closed = false;
  constructor(readonly name: string) {
    super();
    FakeBroadcastChannel.instances.push(this);
  }
  postMessage(message: unknown): void {
    if (this.closed) throw new Error('InvalidStateError');
    this.posted.push(message);
  }
  close(): void {
    this.closed = true;
  }
}

const storageEvent = (key: string | null, newValue: string | null): Event =>
  Object.assign(new Event('storage'), { key, newValue });

describe('detectPlatform in a browser', () => {
  it('wakes on visibilitychange to visible, window focus and bfcache pageshow', () => {
    const { win, doc } = stubBrowser();
    const platform = detectPlatform();
    const wake = vi.fn();
    const off = platform.onWake(wake);

    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    expect(wake).not.toHaveBeenCalled();

    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('focus'));
    win.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    expect(wake).toHaveBeenCalledTimes(3);

    off();
    win.dispatchEvent(new Event('focus'));
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(wake).toHaveBeenCalledTimes(3);
  });

  it('calls onOnline on the window online event until unsubscribed', () => {
    const { win } = stubBrowser();
    const platform = detectPlatform();
    const online = vi.fn();
    const off = platform.onOnline(online);
    win.dispatchEvent(new Event('online'));
    expect(online).toHaveBeenCalledOnce();
    off();
    win.dispatchEvent(new Event('online'));
    expect(online).toHaveBeenCalledOnce();
  });

  it('opens BroadcastChannels when available', () => {
    stubBrowser();
    vi.stubGlobal('BroadcastChannel', FakeBroadcastChannel);
    const channel = detectPlatform().openChannel('simplejwt-client');
    const native = FakeBroadcastChannel.instances.at(-1);
    expect(native?.name).toBe('simplejwt-client');

    const got: unknown[] = [];
    const off = channel.subscribe((message) => got.push(message));
    native?.dispatchEvent(Object.assign(new Event('message'), { data: { type: 'logout' } }));
    off();
    native?.dispatchEvent(Object.assign(new Event('message'), { data: 'after off' }));
    expect(got).toEqual([{ type: 'logout' }]);

    channel.post({ type: 'login' });
    expect(native?.posted).toEqual([{ type: 'login' }]);
    channel.close();
    expect(native?.closed).toBe(true);
    expect(() => channel.post('late')).not.toThrow();
  });

  it('falls back to storage events when BroadcastChannel is missing', () => {
    const { win } = stubBrowser();
    vi.stubGlobal('BroadcastChannel', undefined);
    const writes: Array<[string, string, string | null]> = [];
    vi.stubGlobal('localStorage', {
      setItem: (key: string, value: string) => writes.push(['set', key, value]),
      removeItem: (key: string) => writes.push(['remove', key, null]),
    });
    const channel = detectPlatform({ random: () => 0.123 }).openChannel('simplejwt-client');
    writes.length = 0; // drop the availability probe

    channel.post({ type: 'refresh' });
    expect(writes).toHaveLength(2);
    const [set, remove] = writes;
    expect(set?.[0]).toBe('set');
    expect(set?.[1]).toBe('simplejwt-client:msg');
    expect(JSON.parse(set?.[2] ?? '')).toEqual({ id: expect.any(String), message: { type: 'refresh' } });
    expect(remove).toEqual(['remove', 'simplejwt-client:msg', null]);

    const got: unknown[] = [];
    channel.subscribe((message) => got.push(message));
    win.dispatchEvent(storageEvent('simplejwt-client:msg', JSON.stringify({ id: 'other-tab', message: 'm1' })));
    win.dispatchEvent(storageEvent('simplejwt-client:msg', null));
    win.dispatchEvent(storageEvent('unrelated', JSON.stringify({ id: 'x', message: 'no' })));
    win.dispatchEvent(storageEvent('simplejwt-client:msg', 'not json'));
    // Our own post, should an embedder ever echo it back.
    win.dispatchEvent(storageEvent('simplejwt-client:msg', set?.[2] ?? null));
    expect(got).toEqual(['m1']);

    channel.close();
    win.dispatchEvent(storageEvent('simplejwt-client:msg', JSON.stringify({ id: 'y', message: 'm2' })));
    expect(got).toEqual(['m1']);
  });

  it('falls back to the in-memory bus when neither BroadcastChannel nor localStorage works', async () => {
    stubBrowser();
    vi.stubGlobal('BroadcastChannel', undefined);
    vi.stubGlobal('localStorage', {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    });
    const a = detectPlatform().openChannel('detect-browser-memory');
    const b = detectPlatform().openChannel('detect-browser-memory');
    const got: unknown[] = [];
    b.subscribe((message) => got.push(message));
    a.post('via memory');
    await new Promise((resolve) => setImmediate(resolve));
    a.close();
    b.close();
    expect(got).toEqual(['via memory']);
  });
});

/** A minimal Web Locks manager for one holder at a time that honours `signal`, `steal` and `ifAvailable`. */
class FakeLockManager {
  readonly calls: Array<{ name: string; steal: boolean; signal: boolean }> = [];
  private holder: object | null = null;
  private readonly queue: Array<{ token: object; start: () => void }> = [];

  request(
    name: string,
    options: { signal?: AbortSignal; steal?: boolean; ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown> {
    if (options.ifAvailable === true && this.holder !== null) return Promise.resolve().then(() => callback(null));
    if (options.ifAvailable !== true)
      this.calls.push({ name, steal: options.steal === true, signal: options.signal !== undefined });
    const token = {};
    return new Promise((resolve, reject) => {
      const start = (): void => {
        this.holder = token;
        Promise.resolve()
          .then(() => callback({ name }))
          .finally(() => {
            if (this.holder !== token) return;
            this.holder = null;
            this.queue.shift()?.start();
          })
          .then(resolve, reject);
      };
      if (options.steal === true || this.holder === null) {
        start();
        return;
      }
      const entry = { token, start };
      this.queue.push(entry);
      options.signal?.addEventListener('abort', () => {
        const index = this.queue.indexOf(entry);
        if (index < 0) return;
        this.queue.splice(index, 1);
        reject(new DOMException('The request was aborted.', 'AbortError'));
      });
    });
  }
}

describe('detectPlatform with Web Locks', () => {
  it('uses navigator.locks and steals after stealAfterMs when the holder never releases', async () => {
    const manager = new FakeLockManager();
    vi.stubGlobal('navigator', { locks: manager, onLine: true });
    const test = createTestPlatform();
    const platform = detectPlatform({ timers: test.timers });

    const grants: boolean[] = [];
    void platform.locks.request('refresh', { stealAfterMs: 10_000 }, ({ waited }) => {
      grants.push(waited);
      return new Promise<never>(() => {});
    });
    await test.flush();
    // A free lock is taken at once (ifAvailable), with no wait timer.
    expect(grants).toEqual([false]);
    expect(test.pendingTimers()).toBe(0);

    let ran = false;
    const waiter = platform.locks.request('refresh', { stealAfterMs: 10_000 }, async ({ waited }) => {
      grants.push(waited);
      ran = true;
      return 'stolen';
    });
    await test.flush();
    expect(test.pendingTimers()).toBe(1);
    await test.advance(9_999);
    expect(ran).toBe(false);
    await test.advance(1);
    await expect(waiter).resolves.toBe('stolen');
    expect(grants).toEqual([false, true]);
    expect(manager.calls).toEqual([
      { name: 'refresh', steal: false, signal: true },
      { name: 'refresh', steal: true, signal: false },
    ]);
  });

  it('clears the wait timer once granted and passes task errors through without stealing', async () => {
    const manager = new FakeLockManager();
    vi.stubGlobal('navigator', { locks: manager });
    const test = createTestPlatform();
    const platform = detectPlatform({ timers: test.timers });

    await expect(platform.locks.request('refresh', { stealAfterMs: 10_000 }, async () => 1)).resolves.toBe(1);
    expect(test.pendingTimers()).toBe(0);
    await expect(
      platform.locks.request('refresh', { stealAfterMs: 10_000 }, async () => {
        throw new Error('task failed');
      }),
    ).rejects.toThrow('task failed');
    await test.advance(20_000);
    expect(manager.calls.filter((call) => call.steal)).toEqual([]);
  });
});
