import type { LockRequestOptions, Locks, Timers } from './types.js';

/** The part of the Web Locks `LockManager` (`navigator.locks`) the client uses. */
export interface WebLockManager {
  /** Runs `callback` while holding the lock `name` (see the Web Locks API). */
  request(
    name: string,
    options: { signal?: AbortSignal; steal?: boolean },
    callback: () => Promise<unknown>,
  ): Promise<unknown>;
}

/**
 * Adapts Web Locks to {@link Locks}: waits at most `stealAfterMs` (timed with `timers`, so fake
 * time works), then steals the lock from a holder that is frozen or closed.
 */
export function webLocks(manager: WebLockManager, timers: Timers): Locks {
  return {
    async request<T>(name: string, { stealAfterMs }: LockRequestOptions, task: () => Promise<T>): Promise<T> {
      const controller = new AbortController();
      let granted = false;
      const timer = Number.isFinite(stealAfterMs) ? timers.setTimeout(() => controller.abort(), Math.max(0, stealAfterMs)) : undefined;
      const clear = (): void => {
        if (timer !== undefined) timers.clearTimeout(timer);
      };
      try {
        return (await manager.request(name, { signal: controller.signal }, () => {
          granted = true;
          clear();
          return task();
        })) as T;
      } catch (error) {
        // Only a wait that timed out is retried; a task's own error is the caller's.
        if (granted || !controller.signal.aborted) throw error;
        return (await manager.request(name, { steal: true }, task)) as T;
      } finally {
        if (!granted) clear();
      }
    },
  };
}
