import { browserDocument, browserOnWake, browserWindow, listen, readGlobal } from './browser.js';
import {
  broadcastChannel,
  storageEventChannel,
  type BroadcastChannelConstructor,
  type StorageLike,
} from './browser-channel.js';
import { sharedMemoryBus } from './memory-channel.js';
import { sharedMemoryLocks } from './memory-locks.js';
import type { Channel, Platform, Timers, Unsubscribe } from './types.js';
import { webLocks, type WebLockManager } from './web-locks.js';

const noopUnsubscribe: Unsubscribe = () => {};
const noopListen = (): Unsubscribe => noopUnsubscribe;

// Arrow wrappers read the global at call time, so timers faked after creation still apply.
const defaultTimers = (): Timers => ({
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
});

const webLockManager = (): WebLockManager | undefined => {
  const navigator = readGlobal('navigator') as { locks?: unknown } | undefined;
  const locks = navigator?.locks as WebLockManager | undefined;
  return typeof locks?.request === 'function' ? locks : undefined;
};

/** `localStorage` when it can be written (it throws in sandboxes and some private modes). */
const usableLocalStorage = (): StorageLike | undefined => {
  try {
    const storage = readGlobal('localStorage') as StorageLike | undefined;
    if (storage === undefined || storage === null) return undefined;
    const probe = '__simplejwt-client-probe__';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
};

const detectChannel = (random: () => number): ((name: string) => Channel) => {
  const win = browserWindow();
  // Outside a browser window (Node, SSR) a BroadcastChannel would link unrelated server-side
  // clients and keep the process alive, so only browsers get the cross-tab transports.
  if (win !== undefined) {
    const Ctor = readGlobal('BroadcastChannel');
    if (typeof Ctor === 'function') {
      return (name) => broadcastChannel(Ctor as BroadcastChannelConstructor, name);
    }
    const storage = usableLocalStorage();
    if (storage !== undefined) return (name) => storageEventChannel(win, storage, name, random);
  }
  const bus = sharedMemoryBus();
  return (name) => bus.open(name);
};

/**
 * Builds the {@link Platform} for the current environment (browser, React Native, Node or SSR),
 * detected when called; members given in `overrides` replace the detected ones.
 */
export function detectPlatform(overrides: Partial<Platform> = {}): Platform {
  const given = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  ) as Partial<Platform>;
  const timers = given.timers ?? defaultTimers();
  const random = given.random ?? Math.random;
  const win = browserWindow();
  const manager = webLockManager();

  const platform: Platform = {
    clock: { now: () => Date.now() },
    timers,
    random,
    onWake: win === undefined ? noopListen : browserOnWake(win, browserDocument()),
    onOnline: win === undefined ? noopListen : (listener) => listen(win, 'online', () => listener()),
    isOnline: () => {
      const navigator = readGlobal('navigator') as { onLine?: unknown } | undefined;
      // Unknown (Node, React Native) counts as online: requests will tell.
      return navigator?.onLine !== false;
    },
    locks: given.locks ?? (manager !== undefined ? webLocks(manager, timers) : sharedMemoryLocks(timers)),
    openChannel: given.openChannel ?? detectChannel(random),
    fetch: (input, init) => globalThis.fetch(input, init),
  };
  return { ...platform, ...given };
}
