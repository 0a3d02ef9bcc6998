'use client';

import type { AuthFetch, AuthState, LoginCredentials } from '@simplejwt-client/core';
import { useMemo } from 'react';
import { useAuthClient } from './context.js';
import { useAuthState } from './use-auth-state.js';

/** What {@link useAuth} returns: the state, `isAuthenticated`, and the client's actions. */
export type UseAuthResult<C extends object = object> = AuthState<C> & {
  /** `status === 'authenticated'`. */
  isAuthenticated: boolean;
  /** The client's `login` (resolves with the login answer's non-token fields); the same function on every render. */
  login<R extends object = Record<string, unknown>>(credentials: LoginCredentials): Promise<R>;
  /** The client's `logout`; the same function on every render. */
  logout(): Promise<void>;
  /** The client's authenticated `fetch`; the same function on every render. */
  fetch: AuthFetch;
};

const whole = <S>(state: S): S => state;

/**
 * The whole auth state plus `isAuthenticated` and the actions `login`, `logout` and `fetch`;
 * re-renders on every state change (use {@link useAuthState} to pick a slice). On the server and
 * during hydration the status is `initializing`.
 */
export function useAuth<C extends object = object>(): UseAuthResult<C> {
  const client = useAuthClient<C>();
  const state = useAuthState<AuthState<C>, C>(whole);
  const actions = useMemo(
    () => ({
      login: <R extends object = Record<string, unknown>>(credentials: LoginCredentials) =>
        client.login<R>(credentials),
      logout: () => client.logout(),
      fetch: client.fetch,
    }),
    [client],
  );
  return { ...state, isAuthenticated: state.status === 'authenticated', ...actions };
}
