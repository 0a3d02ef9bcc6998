/** A value or a promise of it: storage may be synchronous (localStorage) or asynchronous (React Native AsyncStorage). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where the session is kept. `localStorage`, `sessionStorage` and React Native's `AsyncStorage`
 * satisfy it as they are.
 */
export interface StorageAdapter {
  /** Returns the stored string for `key`, or null when there is none. */
  getItem(key: string): MaybePromise<string | null | undefined>;
  /** Stores `value` under `key`. */
  setItem(key: string, value: string): MaybePromise<void>;
  /** Removes `key`. */
  removeItem(key: string): MaybePromise<void>;
}
