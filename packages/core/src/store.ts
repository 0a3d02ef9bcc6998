import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AuthState } from './types.js';

/** The initial state: `initializing` until storage has been read. */
export function initialState<C extends object>(): AuthState<C> {
  return { status: 'initializing', claims: null, expiresAt: null, isRefreshing: false, error: null };
}

/** Creates the zustand vanilla store that holds {@link AuthState}. */
export function createAuthStore<C extends object>(): StoreApi<AuthState<C>> {
  return createStore<AuthState<C>>()(() => initialState<C>());
}
