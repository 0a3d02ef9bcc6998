import type { StorageAdapter } from './adapter.js';
import { thenMaybe } from './maybe.js';
import { storageScope, withStorageScope } from '../coordination/scope.js';

/** The stored session without its `access` field; a value that is not a JSON object is kept as is. */
const withoutAccess = (value: string): string => {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return value;
    const { access: _access, ...rest } = parsed as Record<string, unknown>;
    return JSON.stringify(rest);
  } catch {
    return value;
  }
};

/**
 * Keeps the access token in memory only: `persistent` receives the session without its `access`
 * field, so a reload starts with a refresh. Reads return the in-memory session while `persistent`
 * still holds its matching access-less copy; when another tab has changed or removed it, the
 * persistent value wins, so a rotated refresh token is never shadowed by a stale one.
 */
export function splitStorage(persistent: StorageAdapter): StorageAdapter {
  const memory = new Map<string, string>();
  // Tabs share the persistent part; access tokens reach other tabs through the session channel.
  return withStorageScope(
    {
      getItem(key) {
        return thenMaybe(persistent.getItem(key), (stored) => {
          const full = memory.get(key);
          if (full !== undefined && stored === withoutAccess(full)) return full;
          memory.delete(key);
          return stored ?? null;
        });
      },
      setItem(key, value) {
        memory.set(key, value);
        return persistent.setItem(key, withoutAccess(value));
      },
      removeItem(key) {
        memory.delete(key);
        return persistent.removeItem(key);
      },
    },
    storageScope(persistent),
  );
}
