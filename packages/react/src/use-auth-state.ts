'use client';

import type { AuthState } from '@simplejwt-client/core';
import { useSyncExternalStore } from 'react';
import { useAuthClient } from './context.js';

/**
 * What the server renders and hydration starts from: the client's first state, so markup made
 * on the server matches the browser's first render whatever the browser's storage holds.
 */
// biome-ignore lint/suspicious/noExplicitAny: the server snapshot holds no claims, so it fits every claims type.
const serverState: AuthState<any> = {
  status: 'initializing',
  claims: null,
  expiresAt: null,
  isRefreshing: false,
  error: null,
};

/**
 * Selects a slice of the {@link AuthState} and re-renders only when it changes (`Object.is`),
 * like zustand's `useStore(store, selector)`. The selector may be a new function on every
 * render; it must return a stable value (a primitive or an object from the state, not a new one).
 *
 * @example const userId = useAuthState((s: AuthState<Claims>) => s.claims?.user_id);
 */
export function useAuthState<T, C extends object = object>(selector: (state: AuthState<C>) => T): T {
  const client = useAuthClient<C>();
  return useSyncExternalStore(
    client.subscribe,
    () => selector(client.getState()),
    () => selector(serverState),
  );
}
