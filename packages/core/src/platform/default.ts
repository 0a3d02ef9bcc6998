import { browserDocument, browserOnWake, browserWindow, listen, readGlobal, writableLocalStorage } from './browser.js';
import { broadcastChannel, storageEventChannel, type BroadcastChannelConstructor } from './browser-channel.js';
import { sharedMemoryBus } from './memory-channel.js';
import { sharedMemoryLocks } from './memory-locks.js';
import type { Channel, Platform, Timers, Unsubscribe } from './types.js';
import { webLocks, type WebLockManager } from './web-locks.js';

const noopListen = (): Unsubscribe => () => {};

const navigatorGlobal = (): { locks?: WebLockManager; onLine?: boolean } | undefined =>
  readGlobal('navigator') as ReturnType<typeof navigatorGlobal>;

const detectChannel = (random: () => number): ((name: string) => Channel) => {
  const win = browserWindow();
  // Outside a browser window (Node, SSR) a BroadcastChannel would link unrelated server-side
  // clients and keep the process alive, so only browsers get the cross-tab transports.
  if (win) {
    const Ctor = readGlobal('BroadcastChannel') as BroadcastChannelConstructor | undefined;
    if (typeof Ctor === 'function') return (name) => broadcastChannel(Ctor, name);
    const storage = writableLocalStorage();
    if (storage) return (name) => storageEventChannel(win, storage, name, random);
  }
  const bus = sharedMemoryBus();
  return (name) => bus.open(name);
};

/**
 * Builds the {@link Platform} for the current environment (browser, React Native, Node or SSR),
 * detected when called; members given in `overrides` replace the detected ones.
 */
export function detectPlatform(overrides: Partial<Platform> = {}): Platform {
  const given: Partial<Platform> = {};
  for (const [key, value] of Object.entries(overrides))
    if (value !== undefined) (given as Record<string, unknown>)[key] = value;
  // Arrow wrappers read the global at call time, so timers faked after creation still apply.
  const timers: Timers = given.timers ?? {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const random = given.random ?? Math.random;
  const win = browserWindow();
  const manager = navigatorGlobal()?.locks;

  return {
    clock: { now: () => Date.now() },
    timers,
    random,
    onWake: win ? browserOnWake(win, browserDocument()) : noopListen,
    onOnline: win ? (listener) => listen(win, 'online', () => listener()) : noopListen,
    // Unknown (Node, React Native) counts as online: requests will tell.
    isOnline: () => navigatorGlobal()?.onLine !== false,
    locks: typeof manager?.request === 'function' ? webLocks(manager, timers) : sharedMemoryLocks(timers),
    openChannel: detectChannel(random),
    fetch: (input, init) => fetch(input, init),
    ...given,
  };
}
