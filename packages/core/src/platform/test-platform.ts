import { createMemoryBus, type MemoryBus } from './memory-channel.js';
import { createLockRegistry, memoryLocksOn, type LockRegistry } from './memory-locks.js';
import type { Channel, Locks, Platform, Timers, Unsubscribe } from './types.js';
import { createVirtualTime, type VirtualTime } from './virtual-time.js';

/** A deterministic {@link Platform} with virtual time and inspection helpers, for tests. */
export interface TestPlatform extends Platform {
  /** Current virtual wall-clock time in ms. */
  now(): number;
  /** Jumps the wall clock without firing timers, like a laptop waking up or a clock change. */
  setNow(ms: number): void;
  /** Moves virtual time forward, firing due timers in time order and flushing after each one. */
  advance(ms: number): Promise<void>;
  /** Lets pending promise chains and async I/O settle by awaiting a few real macrotasks. */
  flush(): Promise<void>;
  /** Timers set through this platform and not yet fired or cleared. */
  pendingTimers(): number;
  /** onWake, onOnline and channel listeners currently attached through this platform. */
  listenerCount(): number;
  /** Channels opened through this platform and not yet closed. */
  openChannels(): number;
  /** Fires this platform's onWake listeners. */
  wake(): void;
  /** Sets what `isOnline()` returns; going from offline to online fires the onOnline listeners. */
  setOnline(online: boolean): void;
  /**
   * A second "tab": shares virtual time, the timer queue, the locks and the channel bus, but
   * counts its own timers, listeners and channels and has its own wake and online state.
   */
  fork(overrides?: Partial<Platform>): TestPlatform;
  /** In-memory locks shared with forks; `stealAfterMs` is measured in virtual time. */
  locks: Locks;
}

/** Options of {@link createTestPlatform}. */
export interface TestPlatformOptions {
  /** Initial virtual time in ms since the epoch. @default 1_700_000_000_000 */
  now?: number;
  /** The fetch the platform hands out; by default every call rejects. */
  fetch?: typeof globalThis.fetch;
  /** Initial `isOnline()`. @default true */
  online?: boolean;
  /** Source for `random()`. @default () => 0.5 */
  random?: () => number;
}

/** State shared by a test platform and its forks. */
interface World {
  readonly time: VirtualTime;
  readonly registry: LockRegistry;
  readonly bus: MemoryBus;
}

const missingFetch: typeof globalThis.fetch = () =>
  Promise.reject(new Error('createTestPlatform: no fetch was given; pass options.fetch.'));

/** Creates a deterministic platform for tests: virtual time, isolated locks and channel bus. */
export function createTestPlatform(options: TestPlatformOptions = {}): TestPlatform {
  const world: World = {
    time: createVirtualTime(options.now ?? 1_700_000_000_000),
    registry: createLockRegistry(),
    bus: createMemoryBus(),
  };
  return makePlatform(world, {
    fetch: options.fetch ?? missingFetch,
    online: options.online ?? true,
    random: options.random ?? (() => 0.5),
    overrides: {},
  });
}

interface TabOptions {
  fetch: typeof globalThis.fetch;
  online: boolean;
  random: () => number;
  overrides: Partial<Platform>;
}

function makePlatform(world: World, tab: TabOptions): TestPlatform {
  const owner = {};
  const wakeListeners = new Set<() => void>();
  const onlineListeners = new Set<() => void>();
  const channels = new Set<Channel>();
  let channelListeners = 0;
  let online = tab.online;

  const { time } = world;
  const timers: Timers = {
    setTimeout: (callback, ms) => time.schedule(owner, callback, ms),
    clearTimeout: (handle) => time.cancel(handle),
  };

  const addTo = (set: Set<() => void>, listener: () => void): Unsubscribe => {
    // Wrap so the same function added twice counts, and is removed, twice.
    const wrapped = (): void => listener();
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  };

  const openChannel = (name: string): Channel => {
    const inner = world.bus.open(name);
    const subscriptions = new Set<Unsubscribe>();
    const channel: Channel = {
      post: (message) => inner.post(message),
      subscribe(listener) {
        if (!channels.has(channel)) return () => {};
        const stop = inner.subscribe(listener);
        channelListeners += 1;
        const unsubscribe = (): void => {
          if (!subscriptions.delete(unsubscribe)) return;
          channelListeners -= 1;
          stop();
        };
        subscriptions.add(unsubscribe);
        return unsubscribe;
      },
      close() {
        if (!channels.delete(channel)) return;
        for (const unsubscribe of [...subscriptions]) unsubscribe();
        inner.close();
      },
    };
    channels.add(channel);
    return channel;
  };

  const base: TestPlatform = {
    clock: { now: () => time.now() },
    timers,
    random: tab.random,
    onWake: (listener) => addTo(wakeListeners, listener),
    onOnline: (listener) => addTo(onlineListeners, listener),
    isOnline: () => online,
    locks: memoryLocksOn(world.registry, timers),
    openChannel,
    fetch: tab.fetch,
    now: () => time.now(),
    setNow: (ms) => time.setNow(ms),
    advance: (ms) => time.advance(ms),
    flush: () => time.flush(),
    pendingTimers: () => time.pending(owner),
    listenerCount: () => wakeListeners.size + onlineListeners.size + channelListeners,
    openChannels: () => channels.size,
    wake() {
      for (const listener of [...wakeListeners]) listener();
    },
    setOnline(next) {
      const cameOnline = next && !online;
      online = next;
      if (cameOnline) for (const listener of [...onlineListeners]) listener();
    },
    fork(overrides = {}) {
      return makePlatform(world, {
        fetch: base.fetch,
        online,
        random: base.random,
        overrides,
      });
    },
  };
  const given = Object.fromEntries(
    Object.entries(tab.overrides).filter(([, value]) => value !== undefined),
  ) as Partial<Platform>;
  return Object.assign(base, given);
}
