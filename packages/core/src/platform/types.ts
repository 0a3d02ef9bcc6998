/** A function that removes the listener or resource it was returned for. */
export type Unsubscribe = () => void;

/** Wall-clock time source in milliseconds since the epoch; inject one to control time in tests. */
export interface Clock {
  /** Current time in milliseconds since the Unix epoch. */
  now(): number;
}

/** Opaque handle returned by {@link Timers.setTimeout}. */
export type TimerHandle = unknown;

/** The timer functions the client uses; at most one pending timer per client at any time. */
export interface Timers {
  /** Schedules `callback` after `ms` milliseconds. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer returned by {@link Timers.setTimeout}. */
  clearTimeout(handle: TimerHandle): void;
}

/** How a lock was obtained, passed to the task of {@link Locks.request}. */
export interface LockGrant {
  /** Whether another holder had the lock first: it may have done the task's work meanwhile. */
  waited: boolean;
}

/** Options for {@link Locks.request}. */
export interface LockRequestOptions {
  /** Give up waiting after this many milliseconds and take the lock from its holder (a frozen or closed tab). */
  stealAfterMs: number;
}

/** Exclusive named locks shared by every client that shares the session (tabs of one origin, or instances in one process). */
export interface Locks {
  /** Runs `task` while holding the lock `name`, waiting at most `options.stealAfterMs` for it. */
  request<T>(name: string, options: LockRequestOptions, task: (grant: LockGrant) => Promise<T>): Promise<T>;
}

/** A message channel between clients sharing a session (BroadcastChannel, storage events or an in-process bus). */
export interface Channel {
  /** Sends `message` to every other member of the channel; never delivered back to the sender. */
  post(message: unknown): void;
  /** Receives messages posted by other members. */
  subscribe(listener: (message: unknown) => void): Unsubscribe;
  /** Leaves the channel and drops its listeners. */
  close(): void;
}

/**
 * Everything the client takes from its environment. Every member is replaceable, so tests,
 * React Native and SSR can swap what the browser would provide.
 */
export interface Platform {
  /** Wall-clock time. */
  clock: Clock;
  /** Timer functions. */
  timers: Timers;
  /** A number in [0, 1), used for backoff jitter. */
  random: () => number;
  /** Calls `listener` when the app may have been asleep or hidden: page shown, window focused, app resumed. */
  onWake: (listener: () => void) => Unsubscribe;
  /** Calls `listener` when the network comes back. */
  onOnline: (listener: () => void) => Unsubscribe;
  /** Whether the network is believed to be reachable now. */
  isOnline: () => boolean;
  /** Exclusive locks used to refresh at most once across tabs. */
  locks: Locks;
  /** Opens the channel `name` used to tell other tabs about session changes. */
  openChannel: (name: string) => Channel;
  /** Fetch implementation used for SimpleJWT's endpoints and by `auth.fetch`. */
  fetch: typeof globalThis.fetch;
}
