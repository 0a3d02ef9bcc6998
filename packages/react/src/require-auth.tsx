'use client';

import type { ReactElement, ReactNode } from 'react';
import { useAuthState } from './use-auth-state.js';

/** Props of {@link RequireAuth}. */
export interface RequireAuthProps {
  /** Rendered when the user is logged in. */
  children?: ReactNode;
  /** Rendered when the user is logged out, e.g. a login form or a redirect. @default null */
  fallback?: ReactNode;
  /** Rendered while the client is still `initializing` (and on the server). @default null */
  loading?: ReactNode;
}

/**
 * Renders `children` only when authenticated, `loading` while the stored session is being read
 * (never `fallback`, so a logged-in user does not see the login form flash), `fallback` when
 * logged out.
 */
export function RequireAuth({ children, fallback = null, loading = null }: RequireAuthProps): ReactElement {
  const status = useAuthState((state) => state.status);
  return <>{status === 'authenticated' ? children : status === 'initializing' ? loading : fallback}</>;
}
