import { writableLocalStorage } from '../platform/browser.js';
import type { StorageAdapter } from './adapter.js';
import { memoryStorage } from './memory.js';
import { webStorage } from './web-storage.js';

/**
 * The storage used when none is given: `localStorage` when it can be written here, otherwise
 * memory (Node, SSR, React Native, sandboxed iframes, some private modes).
 */
export function defaultStorage(): StorageAdapter {
  return writableLocalStorage() ? webStorage('local') : memoryStorage();
}
