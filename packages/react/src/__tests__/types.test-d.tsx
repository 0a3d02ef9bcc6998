// Type tests: checked by `pnpm typecheck` (tsc), which the test command runs; a wrong type fails it.
import {
  createAuthClient,
  type AuthClient,
  type AuthFetch,
  type AuthStatus,
  type SimpleJwtClaims,
  type SimpleJwtClientError,
} from '@simplejwt-client/core';
import type { ReactElement } from 'react';
import { expectTypeOf } from 'vitest';
import {
  AuthProvider,
  RequireAuth,
  useAuth,
  useAuthClient,
  useAuthFetch,
  useAuthState,
  type AuthProviderProps,
  type RequireAuthProps,
  type UseAuthResult,
} from '../index.js';

type Claims = { user_id: number; role: 'admin' | 'user' };
const auth = createAuthClient<Claims>({ baseUrl: 'https://api.example.com/' });

export function Component(): ReactElement {
  // The claims type flows from the hook's parameter.
  const state = useAuth<Claims>();
  expectTypeOf(state).toEqualTypeOf<UseAuthResult<Claims>>();
  expectTypeOf(state.claims).toEqualTypeOf<(Claims & SimpleJwtClaims) | null>();
  expectTypeOf(state.status).toEqualTypeOf<AuthStatus>();
  expectTypeOf(state.isAuthenticated).toEqualTypeOf<boolean>();
  expectTypeOf(state.error).toEqualTypeOf<SimpleJwtClientError | null>();
  expectTypeOf(state.login<{ user: { pk: number } }>({ username: 'a', password: 'b' })).resolves.toEqualTypeOf<{
    user: { pk: number };
  }>();
  expectTypeOf(state.fetch).toEqualTypeOf<AuthFetch>();

  // useAuthState infers the slice type, and the claims type from an annotated selector.
  expectTypeOf(useAuthState((s) => s.status)).toEqualTypeOf<AuthStatus>();
  expectTypeOf(useAuthState((s: { claims: Claims | null }) => s.claims?.role)).toEqualTypeOf<
    'admin' | 'user' | undefined
  >();

  expectTypeOf(useAuthClient<Claims>()).toEqualTypeOf<AuthClient<Claims>>();
  expectTypeOf(useAuthFetch()).toEqualTypeOf<AuthFetch>();

  return (
    <AuthProvider client={auth}>
      <RequireAuth fallback={<p>login</p>} loading="…">
        <p>secret</p>
      </RequireAuth>
    </AuthProvider>
  );
}

expectTypeOf<AuthProviderProps<Claims>['client']>().toEqualTypeOf<AuthClient<Claims>>();
expectTypeOf<RequireAuthProps>().toHaveProperty('fallback');

// @ts-expect-error AuthProvider needs a client.
export const missingClient = <AuthProvider>x</AuthProvider>;
// @ts-expect-error the selector receives the auth state, which has no `token`.
export const noToken = () => useAuthState((s) => s.token);
