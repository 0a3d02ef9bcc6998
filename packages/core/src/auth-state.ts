import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AuthState, ReadonlyStore } from './types.js';

/** The initial state: `initializing` until storage has been read. */
export function initialState<C extends object>(): AuthState<C> {
  return { status: 'initializing', claims: null, expiresAt: null, isRefreshing: false, error: null };
}

/** Creates the zustand vanilla store that holds {@link AuthState}; only the session owner writes to it. */
export function createAuthStore<C extends object>(): StoreApi<AuthState<C>> {
  return createStore<AuthState<C>>()(() => initialState<C>());
}

/** The store as readers see it: zustand's read-only API, without `setState`. */
export function readonlyView<T>(store: StoreApi<T>): ReadonlyStore<T> {
  return { getState: store.getState, getInitialState: store.getInitialState, subscribe: store.subscribe };
}
