import { describe, expect, it } from 'vitest';
import type { StorageAdapter } from '../storage/adapter.js';
import { memoryStorage } from '../storage/memory.js';
import { splitStorage } from '../storage/split.js';

const full = '{"v":1,"access":"a.b.c","refresh":"d.e.f","offset":-1234}';
const withoutAccess = '{"v":1,"refresh":"d.e.f","offset":-1234}';

/** An AsyncStorage-like adapter over a Map. */
const asyncStorage = (): StorageAdapter & { values: Map<string, string> } => {
  const values = new Map<string, string>();
  return {
    values,
    getItem: async (key) => values.get(key) ?? null,
    setItem: async (key, value) => void values.set(key, value),
    removeItem: async (key) => void values.delete(key),
  };
};

describe('splitStorage', () => {
  it('persists the session without the access token and reads the full one back from memory', () => {
    const persistent = memoryStorage();
    const storage = splitStorage(persistent);
    storage.setItem('simplejwt-client', full);
    expect(persistent.getItem('simplejwt-client')).toBe(withoutAccess);
    expect(storage.getItem('simplejwt-client')).toBe(full);
  });

  it('reads the persistent value, without access, after a reload', () => {
    const persistent = memoryStorage();
    splitStorage(persistent).setItem('simplejwt-client', full);
    expect(splitStorage(persistent).getItem('simplejwt-client')).toBe(withoutAccess);
  });

  it('prefers the persistent value once another tab has changed or removed it', () => {
    const persistent = memoryStorage();
    const storage = splitStorage(persistent);
    storage.setItem('simplejwt-client', full);
    const rotated = '{"v":1,"refresh":"g.h.i","offset":0}';
    persistent.setItem('simplejwt-client', rotated);
    expect(storage.getItem('simplejwt-client')).toBe(rotated);
    storage.setItem('simplejwt-client', full);
    persistent.removeItem('simplejwt-client');
    expect(storage.getItem('simplejwt-client')).toBeNull();
  });

  it('stores a value that is not a JSON object as is', () => {
    const persistent = memoryStorage();
    const storage = splitStorage(persistent);
    for (const value of ['not json {', '"a string"', '[1,2]']) {
      storage.setItem('k', value);
      expect(persistent.getItem('k')).toBe(value);
      expect(storage.getItem('k')).toBe(value);
    }
  });

  it('removes from memory and the persistent storage', () => {
    const persistent = memoryStorage();
    const storage = splitStorage(persistent);
    storage.setItem('k', full);
    storage.removeItem('k');
    expect(storage.getItem('k')).toBeNull();
    expect(persistent.getItem('k')).toBeNull();
  });

  it('stays synchronous over a synchronous storage and works over an async one', async () => {
    const sync = splitStorage(memoryStorage());
    expect(sync.setItem('k', full)).toBeUndefined();
    expect(sync.getItem('k')).toBe(full);

    const persistent = asyncStorage();
    const storage = splitStorage(persistent);
    await storage.setItem('k', full);
    expect(persistent.values.get('k')).toBe(withoutAccess);
    const read = storage.getItem('k');
    expect(read).toBeInstanceOf(Promise);
    await expect(read).resolves.toBe(full);
    await storage.removeItem('k');
    await expect(storage.getItem('k')).resolves.toBeNull();
  });
});
