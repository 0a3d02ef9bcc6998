import type { LockGrant, LockRequestOptions, Locks, Timers } from './types.js';

/** The part of the Web Locks `LockManager` (`navigator.locks`) the client uses. */
export interface WebLockManager {
  /** Runs `callback` while holding the lock `name` (see the Web Locks API). */
  request(
    name: string,
    options: { signal?: AbortSignal; steal?: boolean; ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown>;
}

/**
 * Adapts Web Locks to {@link Locks}: waits at most `stealAfterMs` (timed with `timers`, so fake
 * time works), then steals the lock from a holder that is frozen or closed.
 */
export function webLocks(manager: WebLockManager, timers: Timers): Locks {
  return {
    async request<T>(
      name: string,
      { stealAfterMs }: LockRequestOptions,
      task: (grant: LockGrant) => Promise<T>,
    ): Promise<T> {
      // Try without waiting first, so the task learns whether another holder came before it.
      const missed = Symbol();
      const free = await manager.request(name, { ifAvailable: true }, async (lock) =>
        lock ? task({ waited: false }) : missed,
      );
      if (free !== missed) return free as T;
      const waited = (): Promise<T> => task({ waited: true });
      const controller = new AbortController();
      let granted = false;
      const timer = Number.isFinite(stealAfterMs)
        ? timers.setTimeout(() => controller.abort(), Math.max(0, stealAfterMs))
        : undefined;
      const clear = (): void => {
        if (timer !== undefined) timers.clearTimeout(timer);
      };
      try {
        return (await manager.request(name, { signal: controller.signal }, () => {
          granted = true;
          clear();
          return waited();
        })) as T;
      } catch (error) {
        // Only a wait that timed out is retried; a task's own error is the caller's.
        if (granted || !controller.signal.aborted) throw error;
        return (await manager.request(name, { steal: true }, waited)) as T;
      } finally {
        if (!granted) clear();
      }
    },
  };
}
