import type { StorageAdapter } from '../storage/adapter.js';

const scopeKey = Symbol.for('simplejwt-client.storage-scope');
const objectScopes = new WeakMap<object, string>();
let counter = 0;

/**
 * Marks `adapter` as one view of a store shared under `scope` (e.g. `local` for localStorage,
 * which every tab of the origin shares). Clients coordinate only with clients of the same scope.
 */
export function withStorageScope<T extends StorageAdapter>(adapter: T, scope: string): T {
  Object.defineProperty(adapter, scopeKey, { value: scope, enumerable: false });
  return adapter;
}

/** Whether `adapter` is marked as shared by other browsing contexts (localStorage, cookies, split over those). */
export function isSharedStorage(adapter: StorageAdapter): boolean {
  return typeof (adapter as unknown as Record<symbol, unknown>)[scopeKey] === 'string';
}

/**
 * The name under which clients sharing `adapter`'s data meet: the marked scope, or else one unique
 * to this object, so that two clients with separate memory storages (two users in one SSR process,
 * two sessionStorage tabs) never adopt each other's session.
 */
export function storageScope(adapter: StorageAdapter): string {
  const marked = (adapter as unknown as Record<symbol, unknown>)[scopeKey];
  if (typeof marked === 'string') return marked;
  let scope = objectScopes.get(adapter);
  if (!scope) {
    scope = `instance-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    objectScopes.set(adapter, scope);
  }
  return scope;
}
