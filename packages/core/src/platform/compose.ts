import { browserDocument, browserOnWake, browserWindow, type EventTargetLike, listen, readGlobal } from './browser.js';
import type { Channel, Locks, Platform, Timers, Unsubscribe } from './types.js';
import { type WebLockManager, webLocks } from './web-locks.js';

const noopListen = (): Unsubscribe => () => {};

const navigatorGlobal = (): { locks?: WebLockManager; onLine?: boolean } | undefined =>
  readGlobal('navigator') as ReturnType<typeof navigatorGlobal>;

/** What differs between the browser build and the universal one: the fallbacks where a browser API is missing. */
export interface Fallbacks {
  /** Locks when Web Locks are missing. */
  locks(timers: Timers): Locks;
  /** The channel opener for this environment (`win`: the browser window, if any). */
  channel(win: EventTargetLike | undefined, random: () => number): (name: string) => Channel;
}

/**
 * Builds a {@link Platform} from what the environment provides, detected when called; members
 * given in `overrides` replace the detected ones.
 */
export function composePlatform(overrides: Partial<Platform>, fallbacks: Fallbacks): Platform {
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
    locks: typeof manager?.request === 'function' ? webLocks(manager, timers) : fallbacks.locks(timers),
    openChannel: fallbacks.channel(win, random),
    fetch: (input, init) => fetch(input, init),
    ...given,
  };
}
