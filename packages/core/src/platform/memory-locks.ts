import type { LockGrant, LockRequestOptions, Locks, TimerHandle, Timers } from './types.js';

interface LockState {
  /** Token of the current holder. */
  holder: object;
  /** Grants of the waiters, in request order. */
  readonly queue: Array<(waited: boolean) => void>;
}

/** Lock states by name (a name without an entry is free); one registry is one "world" of mutually exclusive holders. */
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
  return {
    request: <T>(name: string, { stealAfterMs }: LockRequestOptions, task: (grant: LockGrant) => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        const token = {};
        let timer: TimerHandle;
        let state = registry.get(name);
        const grant = (waited: boolean): void => {
          if (timer !== undefined) timers.clearTimeout(timer);
          state!.holder = token;
          // new Promise catches a task that throws synchronously instead of returning a rejection.
          new Promise<T>((inner) => inner(task({ waited })))
            .finally(() => {
              // A holder whose lock was stolen must not release the thief's lock.
              if (state!.holder !== token) return;
              const next = state!.queue.shift();
              if (next) next(true);
              else registry.delete(name);
            })
            .then(resolve, reject);
        };
        if (!state) {
          registry.set(name, (state = { holder: token, queue: [] }));
          return grant(false);
        }
        const { queue } = state;
        queue.push(grant);
        if (Number.isFinite(stealAfterMs)) {
          timer = timers.setTimeout(
            () => {
              const index = queue.indexOf(grant);
              // The holder is treated as gone (frozen or dead): its later release becomes a no-op.
              if (index < 0) return;
              queue.splice(index, 1);
              grant(true);
            },
            Math.max(0, stealAfterMs),
          );
        }
      }),
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
