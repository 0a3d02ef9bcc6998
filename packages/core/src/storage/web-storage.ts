import { withStorageScope } from '../coordination/scope.js';
import type { StorageAdapter } from './adapter.js';

/** The synchronous Web Storage methods the adapter calls; `localStorage` and `sessionStorage` fit. */
export interface WebStorageLike {
  /** Returns the value for `key`, or null. */
  getItem(key: string): string | null;
  /** Stores `value` under `key`; may throw when the quota is exceeded. */
  setItem(key: string, value: string): void;
  /** Removes `key`. */
  removeItem(key: string): void;
}

/**
 * Storage over `localStorage` (the default), `sessionStorage` (one tab, cleared when it closes) or
 * any object with the same synchronous methods. The global is looked up on first use, and an error
 * in reaching it (sandboxed iframes, some private modes) is thrown by each operation, so
 * `guardStorage` can fall back to memory.
 */
export function webStorage(storage: 'local' | 'session' | WebStorageLike = 'local'): StorageAdapter {
  let resolved: WebStorageLike | undefined = typeof storage === 'object' ? storage : undefined;
  const area = (): WebStorageLike => {
    if (resolved !== undefined) return resolved;
    const name = storage === 'session' ? 'sessionStorage' : 'localStorage';
    // Even reading the global can throw (SecurityError); that error is the operation's error.
    const found = (globalThis as Record<string, unknown>)[name] as WebStorageLike | undefined | null;
    if (found === undefined || found === null) {
      throw new Error(`webStorage: globalThis.${name} is not available in this environment.`);
    }
    resolved = found;
    return found;
  };
  const adapter: StorageAdapter = {
    getItem: (key) => area().getItem(key),
    setItem: (key, value) => area().setItem(key, value),
    removeItem: (key) => area().removeItem(key),
  };
  // localStorage is shared by every tab of the origin, so its clients coordinate; sessionStorage
  // and other objects are per tab or per object, so theirs must not.
  return storage === 'local' ? withStorageScope(adapter, 'local') : adapter;
}
