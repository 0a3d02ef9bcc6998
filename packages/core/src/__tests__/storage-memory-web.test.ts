import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultStorage } from '../storage/default.js';
import { memoryStorage } from '../storage/memory.js';
import { webStorage } from '../storage/web-storage.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A Storage-like object over a Map. */
const fakeStorage = () => {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
};

describe('memoryStorage', () => {
  it('round-trips values synchronously and forgets removed keys', () => {
    const storage = memoryStorage();
    expect(storage.getItem('k')).toBeNull();
    storage.setItem('k', 'v1');
    storage.setItem('k', 'v2');
    expect(storage.getItem('k')).toBe('v2');
    storage.removeItem('k');
    expect(storage.getItem('k')).toBeNull();
  });

  it('keeps each instance separate', () => {
    const a = memoryStorage();
    a.setItem('k', 'v');
    expect(memoryStorage().getItem('k')).toBeNull();
  });
});

describe('webStorage', () => {
  it('reads and writes a given Storage-like object synchronously', () => {
    const area = fakeStorage();
    const storage = webStorage(area);
    storage.setItem('simplejwt-client', '{"v":1}');
    expect(area.values.get('simplejwt-client')).toBe('{"v":1}');
    expect(storage.getItem('simplejwt-client')).toBe('{"v":1}');
    storage.removeItem('simplejwt-client');
    expect(area.values.has('simplejwt-client')).toBe(false);
  });

  it('looks localStorage and sessionStorage up on first use, not at creation', () => {
    const local = webStorage('local');
    const session = webStorage('session');
    const localArea = fakeStorage();
    const sessionArea = fakeStorage();
    vi.stubGlobal('localStorage', localArea);
    vi.stubGlobal('sessionStorage', sessionArea);
    local.setItem('k', 'local');
    session.setItem('k', 'session');
    expect(localArea.values.get('k')).toBe('local');
    expect(sessionArea.values.get('k')).toBe('session');
    expect(webStorage().getItem('k')).toBe('local');
  });

  it('throws the access error from the operation when reaching localStorage throws', () => {
    const storage = webStorage('local');
    const denied = new Error('SecurityError: access denied');
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw denied;
      },
    });
    try {
      expect(() => storage.getItem('k')).toThrow(denied);
      expect(() => storage.setItem('k', 'v')).toThrow(denied);
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });

  it('throws a clear error when there is no localStorage at all', () => {
    vi.stubGlobal('localStorage', undefined);
    expect(() => webStorage().getItem('k')).toThrow(/localStorage is not available/);
  });
});

describe('defaultStorage', () => {
  it('uses localStorage when it can be written', () => {
    const area = fakeStorage();
    vi.stubGlobal('localStorage', area);
    const storage = defaultStorage();
    storage.setItem('k', 'v');
    expect(area.values.get('k')).toBe('v');
    expect([...area.values.keys()]).toEqual(['k']);
  });

  it('falls back to memory when localStorage is missing or refuses writes', () => {
    vi.stubGlobal('localStorage', undefined);
    const withoutGlobal = defaultStorage();
    withoutGlobal.setItem('k', 'v');
    expect(withoutGlobal.getItem('k')).toBe('v');

    const area = fakeStorage();
    area.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    vi.stubGlobal('localStorage', area);
    const refused = defaultStorage();
    refused.setItem('k', 'v');
    expect(refused.getItem('k')).toBe('v');
    expect(area.values.size).toBe(0);
  });
});
