import type { MaybePromise, StorageAdapter } from './adapter.js';
import { isPromiseLike } from './maybe.js';

/** Which adapter method failed. */
export type StorageOperation = 'getItem' | 'setItem' | 'removeItem';

/** A {@link StorageAdapter} that never throws; `degraded` turns true once it has fallen back to memory. */
export type GuardedStorage = StorageAdapter & {
  /** Whether a failure switched this guard to its in-memory fallback (for good). */
  readonly degraded: boolean;
};

/**
 * Wraps `adapter` so that its first throw or rejection (quota exceeded, private mode, disabled
 * storage) switches to an in-memory fallback for good, carrying over the value being written and
 * the last value seen for each key, and reports it once through `onFailure`. It never throws; a
 * synchronous adapter stays synchronous, so the session can be read synchronously at start-up.
 */
export function guardStorage(
  adapter: StorageAdapter,
  onFailure: (error: unknown, operation: StorageOperation) => void,
): GuardedStorage {
  // Last value written or read per key (null = absent): what the fallback starts from.
  const known = new Map<string, string | null>();
  // Bumped on each write, so a slow read cannot overwrite a newer write in `known`.
  const versions = new Map<string, number>();
  let fallback: Map<string, string | null> | undefined;
  let async = false;

  const fail = (error: unknown, operation: StorageOperation): void => {
    if (fallback !== undefined) return;
    fallback = new Map(known);
    try {
      onFailure(error, operation);
    } catch {
      // A throwing reporter must not turn a handled storage failure into a crash.
    }
  };
  // Once degraded, answer in the adapter's own style so callers see no change of shape.
  const answer = <T>(value: T): MaybePromise<T> => (async ? Promise.resolve(value) : value);
  const write = (key: string, value: string | null): void => {
    known.set(key, value);
    versions.set(key, (versions.get(key) ?? 0) + 1);
    fallback?.set(key, value);
  };

  const guarded = <T>(
    operation: StorageOperation,
    call: () => MaybePromise<T>,
    onValue: (value: T) => T,
    onFallback: () => T,
  ): MaybePromise<T> => {
    if (fallback !== undefined) return answer(onFallback());
    let result: MaybePromise<T>;
    try {
      result = call();
    } catch (error) {
      fail(error, operation);
      return answer(onFallback());
    }
    if (!isPromiseLike(result)) return onValue(result);
    async = true;
    return Promise.resolve(result).then(
      (value) => (fallback === undefined ? onValue(value) : onFallback()),
      (error: unknown) => {
        fail(error, operation);
        return onFallback();
      },
    );
  };

  return {
    get degraded() {
      return fallback !== undefined;
    },
    getItem(key) {
      const version = versions.get(key);
      return guarded<string | null | undefined>(
        'getItem',
        () => adapter.getItem(key),
        (value) => {
          const found = value ?? null;
          if (versions.get(key) === version) known.set(key, found);
          return found;
        },
        () => fallback?.get(key) ?? null,
      );
    },
    setItem(key, value) {
      write(key, value);
      return guarded<void>(
        'setItem',
        () => adapter.setItem(key, value),
        () => undefined,
        () => undefined,
      );
    },
    removeItem(key) {
      write(key, null);
      return guarded<void>(
        'removeItem',
        () => adapter.removeItem(key),
        () => undefined,
        () => undefined,
      );
    },
  };
}
