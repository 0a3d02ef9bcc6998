import { describe, expect, it, vi } from 'vitest';
import type { StorageAdapter } from '../storage/adapter.js';
import { guardStorage } from '../storage/guard.js';
import { memoryStorage } from '../storage/memory.js';

const quota = new Error('QuotaExceededError');

/** A sync adapter over a Map whose methods start throwing once `broken` is set. */
const breakable = () => {
  const values = new Map<string, string>();
  const state = { broken: false };
  const check = (): void => {
    if (state.broken) throw quota;
  };
  const adapter: StorageAdapter = {
    getItem: (key) => (check(), values.get(key) ?? null),
    setItem: (key, value) => (check(), void values.set(key, value)),
    removeItem: (key) => (check(), void values.delete(key)),
  };
  return { adapter, values, state };
};

/** An async adapter over a Map whose methods start rejecting once `broken` is set. */
const asyncBreakable = () => {
  const values = new Map<string, string>();
  const state = { broken: false };
  const settle = async <T>(value: () => T): Promise<T> => {
    await Promise.resolve();
    if (state.broken) throw quota;
    return value();
  };
  const adapter: StorageAdapter = {
    getItem: (key) => settle(() => values.get(key) ?? null),
    setItem: (key, value) => settle(() => void values.set(key, value)),
    removeItem: (key) => settle(() => void values.delete(key)),
  };
  return { adapter, values, state };
};

describe('guardStorage over a synchronous adapter', () => {
  it('passes operations through while the adapter works', () => {
    const { adapter, values } = breakable();
    const onFailure = vi.fn();
    const storage = guardStorage(adapter, onFailure);
    storage.setItem('k', 'v');
    expect(values.get('k')).toBe('v');
    expect(storage.getItem('k')).toBe('v');
    storage.removeItem('k');
    expect(values.has('k')).toBe(false);
    expect(storage.degraded).toBe(false);
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('degrades to memory on a throw, stays synchronous, reports once and keeps the written value', () => {
    const { adapter, state } = breakable();
    const onFailure = vi.fn();
    const storage = guardStorage(adapter, onFailure);
    storage.setItem('other', 'seen');
    state.broken = true;

    expect(storage.setItem('k', 'written')).toBeUndefined();
    expect(storage.degraded).toBe(true);
    expect(onFailure).toHaveBeenCalledWith(quota, 'setItem');
    expect(storage.getItem('k')).toBe('written');
    expect(storage.getItem('other')).toBe('seen');

    storage.setItem('k', 'again');
    storage.removeItem('other');
    expect(storage.getItem('k')).toBe('again');
    expect(storage.getItem('other')).toBeNull();
    expect(onFailure).toHaveBeenCalledOnce();
  });

  it('stops using the adapter for good once degraded', () => {
    const { adapter, values, state } = breakable();
    const storage = guardStorage(adapter, () => {});
    state.broken = true;
    storage.removeItem('k');
    state.broken = false;
    storage.setItem('k', 'memory only');
    expect(values.has('k')).toBe(false);
    expect(storage.getItem('k')).toBe('memory only');
  });

  it('carries over the last value read from the adapter', () => {
    const { adapter, values, state } = breakable();
    values.set('session', 'stored');
    const storage = guardStorage(adapter, () => {});
    expect(storage.getItem('session')).toBe('stored');
    state.broken = true;
    storage.setItem('unrelated', 'x');
    expect(storage.getItem('session')).toBe('stored');
  });

  it('gives null, not a throw, when getItem fails at start', () => {
    const { adapter, state } = breakable();
    state.broken = true;
    const onFailure = vi.fn();
    const storage = guardStorage(adapter, onFailure);
    expect(storage.getItem('simplejwt-client')).toBeNull();
    expect(onFailure).toHaveBeenCalledWith(quota, 'getItem');
    expect(storage.degraded).toBe(true);
  });

  it('never throws even when onFailure does', () => {
    const { adapter, state } = breakable();
    state.broken = true;
    const storage = guardStorage(adapter, () => {
      throw new Error('reporter bug');
    });
    expect(() => storage.setItem('k', 'v')).not.toThrow();
    expect(storage.getItem('k')).toBe('v');
  });

  it('normalises undefined from getItem to null', () => {
    const storage = guardStorage({ getItem: () => undefined, setItem: () => {}, removeItem: () => {} }, () => {});
    expect(storage.getItem('k')).toBeNull();
    expect(memoryStorage().getItem('k')).toBeNull();
  });
});

describe('guardStorage over an asynchronous adapter', () => {
  it('degrades on a rejection, stays asynchronous, reports once and keeps the written value', async () => {
    const { adapter, state } = asyncBreakable();
    const onFailure = vi.fn();
    const storage = guardStorage(adapter, onFailure);
    await storage.setItem('other', 'seen');
    state.broken = true;

    const write = storage.setItem('k', 'written');
    expect(write).toBeInstanceOf(Promise);
    await expect(write).resolves.toBeUndefined();
    expect(storage.degraded).toBe(true);
    expect(onFailure).toHaveBeenCalledWith(quota, 'setItem');

    const read = storage.getItem('k');
    expect(read).toBeInstanceOf(Promise);
    await expect(read).resolves.toBe('written');
    await expect(storage.getItem('other')).resolves.toBe('seen');
    await storage.removeItem('k');
    await expect(storage.getItem('k')).resolves.toBeNull();
    expect(onFailure).toHaveBeenCalledOnce();
  });

  it('resolves null when getItem rejects at start', async () => {
    const { adapter, state } = asyncBreakable();
    state.broken = true;
    const onFailure = vi.fn();
    const storage = guardStorage(adapter, onFailure);
    await expect(storage.getItem('simplejwt-client')).resolves.toBeNull();
    expect(onFailure).toHaveBeenCalledWith(quota, 'getItem');
  });

  it('keeps the newest write when an earlier write fails after a later one was issued', async () => {
    const { adapter, state } = asyncBreakable();
    const storage = guardStorage(adapter, () => {});
    const first = storage.setItem('k', 'first');
    const second = storage.setItem('k', 'second');
    state.broken = true;
    await Promise.all([first, second]);
    expect(storage.degraded).toBe(true);
    await expect(storage.getItem('k')).resolves.toBe('second');
  });

  it('does not let a slow read overwrite a newer write in the fallback', async () => {
    const values = new Map<string, string>([['k', 'old']]);
    let failWrites = false;
    let releaseRead!: () => void;
    const readGate = new Promise<void>((resolve) => (releaseRead = resolve));
    const adapter: StorageAdapter = {
      getItem: async (key) => {
        const value = values.get(key) ?? null;
        await readGate;
        return value;
      },
      setItem: async (key, value) => {
        if (failWrites) throw quota;
        values.set(key, value);
      },
      removeItem: async () => {
        throw quota;
      },
    };
    const storage = guardStorage(adapter, () => {});
    const slowRead = storage.getItem('k');
    await storage.setItem('k', 'new');
    releaseRead();
    await slowRead;
    failWrites = true;
    await storage.setItem('x', 'y');
    expect(storage.degraded).toBe(true);
    await expect(storage.getItem('k')).resolves.toBe('new');
  });
});
