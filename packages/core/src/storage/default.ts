import type { StorageAdapter } from './adapter.js';
import { memoryStorage } from './memory.js';
import { webStorage } from './web-storage.js';

/**
 * The storage used when none is given: `localStorage` when it can be written here, otherwise
 * memory (Node, SSR, React Native, sandboxed iframes, some private modes).
 */
export function defaultStorage(): StorageAdapter {
  try {
    const storage = (globalThis as { localStorage?: Storage | null }).localStorage;
    if (storage === undefined || storage === null) return memoryStorage();
    const probe = '__simplejwt-client-probe__';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return webStorage('local');
  } catch {
    return memoryStorage();
  }
}
