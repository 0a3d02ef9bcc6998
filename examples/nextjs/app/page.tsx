/**
 * The protected page, a server component. `RequireAuth` is a client component (the React package's
 * modules are marked `'use client'`), so a server component can render it with elements as props.
 * The server renders `loading`: the session lives in the browser, which decides after hydration.
 */
import { RequireAuth } from '@simplejwt-client/react';
import type { ReactElement } from 'react';
import { Account } from './account';
import { RedirectToLogin } from './redirect-to-login';

export default function HomePage(): ReactElement {
  return (
    <RequireAuth loading={<p>Restoring your session…</p>} fallback={<RedirectToLogin />}>
      <Account />
    </RequireAuth>
  );
}
