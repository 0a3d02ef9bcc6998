import type { LockRequestOptions, Locks, Timers } from './types.js';

interface Waiter {
  readonly token: object;
  readonly grant: () => void;
  timer: unknown;
}

interface LockState {
  /** Token of the current holder, or null when the lock is free. */
  holder: object | null;
  readonly queue: Waiter[];
}

/** Lock states by name; one registry is one "world" of mutually exclusive holders. */
export type LockRegistry = Map<string, LockState>;

// Every client of the process shares this registry so instances in one process exclude each
// other like tabs do with Web Locks. Creating an empty Map touches no environment global.
const sharedRegistry: LockRegistry = new Map();

/** Creates an empty lock registry, for tests and test platforms that need isolated locks. */
export function createLockRegistry(): LockRegistry {
  return new Map();
}

/**
 * In-process locks over `registry`, waiting with `timers`: FIFO per name, and a waiter that waits
 * longer than `stealAfterMs` takes the lock from its holder.
 */
export function memoryLocksOn(registry: LockRegistry, timers: Timers): Locks {
  const release = (name: string, token: object): void => {
    const state = registry.get(name);
    // A holder whose lock was stolen must not release the thief's lock.
    if (state === undefined || state.holder !== token) return;
    const next = state.queue.shift();
    if (next === undefined) {
      registry.delete(name);
      return;
    }
    timers.clearTimeout(next.timer);
    next.grant();
  };

  return {
    request<T>(name: string, options: LockRequestOptions, task: () => Promise<T>): Promise<T> {
      const token = {};
      return new Promise<T>((resolve, reject) => {
        const run = (): void => {
          const state = registry.get(name);
          if (state !== undefined) state.holder = token;
          // new Promise catches a task that throws synchronously instead of returning a rejection.
          new Promise<T>((inner) => inner(task()))
            .finally(() => release(name, token))
            .then(resolve, reject);
        };

        const state = registry.get(name);
        if (state === undefined) {
          registry.set(name, { holder: token, queue: [] });
          run();
          return;
        }
        const waiter: Waiter = { token, grant: run, timer: undefined };
        state.queue.push(waiter);
        const wait = options.stealAfterMs;
        if (Number.isFinite(wait)) {
          waiter.timer = timers.setTimeout(() => {
            const current = registry.get(name);
            const index = current?.queue.indexOf(waiter) ?? -1;
            if (current === undefined || index < 0) return;
            // The holder is treated as gone (frozen or dead): its later release becomes a no-op.
            current.queue.splice(index, 1);
            run();
          }, Math.max(0, wait));
        }
      });
    },
  };
}

/** Creates in-process locks with their own isolated registry (for tests). */
export function createMemoryLocks(timers: Timers): Locks {
  return memoryLocksOn(createLockRegistry(), timers);
}

/**
 * In-process locks shared by every client of this JavaScript realm, for environments without
 * Web Locks (Node, React Native, old browsers).
 */
export function sharedMemoryLocks(timers: Timers): Locks {
  return memoryLocksOn(sharedRegistry, timers);
}
