'use client';

import type { AuthState } from '@simplejwt-client/core';
import { useSyncExternalStore } from 'react';
import { useAuthClient } from './context.js';

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
    // The client's first state (`initializing`): server markup matches the browser's first render
    // whatever the browser's storage holds.
    () => selector(client.store.getInitialState()),
  );
}
