'use client';
/**
 * The client boundary that hands the auth client to the tree: the client object cannot cross from
 * a server component (it is not serializable), so it is imported here, in a client module.
 */
import { AuthProvider } from '@simplejwt-client/react';
import type { ReactElement, ReactNode } from 'react';
import { auth } from '../lib/auth';

export function Providers({ children }: { children: ReactNode }): ReactElement {
  return <AuthProvider client={auth}>{children}</AuthProvider>;
}
