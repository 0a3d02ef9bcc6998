'use client';

import type { AuthClient } from '@simplejwt-client/core';
import { createContext, useContext, type ReactElement, type ReactNode } from 'react';

// `any`: one context carries clients of every claims type; the hooks take the claims type back.
// biome-ignore lint/suspicious/noExplicitAny: see above
const AuthContext = createContext<AuthClient<any> | null>(null);

/** Props of {@link AuthProvider}. */
export interface AuthProviderProps<C extends object = object> {
  /** The client made by `createAuthClient`; the app owns it. */
  client: AuthClient<C>;
  /** The tree that may use the hooks and `RequireAuth`. */
  children?: ReactNode;
}

/**
 * Makes `client` available to the hooks and `RequireAuth` below it, like TanStack Query's
 * `QueryClientProvider`. It never destroys the client (not on unmount either): the app created
 * it and calls `client.destroy()` when it is done with it.
 */
export function AuthProvider<C extends object = object>({ client, children }: AuthProviderProps<C>): ReactElement {
  return <AuthContext.Provider value={client}>{children}</AuthContext.Provider>;
}

/**
 * The client of the nearest {@link AuthProvider}; pass your claims type as `C`.
 * @throws Error when no `AuthProvider` is above the component.
 */
export function useAuthClient<C extends object = object>(): AuthClient<C> {
  const client = useContext(AuthContext);
  if (!client)
    throw new Error('@simplejwt-client/react: no client found; wrap the tree in <AuthProvider client={auth}>.');
  return client;
}
