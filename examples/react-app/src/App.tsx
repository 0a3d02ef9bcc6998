/**
 * The app's shell: a header with the signed-in user and a sign-out button, and the protected page
 * behind `<RequireAuth>`, whose fallback is the login form. Signing in or out in any tab of the
 * origin switches every tab, since they share the session.
 */
import type { AuthState } from '@simplejwt-client/core';
import { RequireAuth, useAuth, useAuthState } from '@simplejwt-client/react';
import { useState, type ReactElement } from 'react';
import { Account } from './Account.js';
import type { Claims } from './auth.js';
import { LoginForm } from './LoginForm.js';

export function App(): ReactElement {
  return (
    <>
      <header className="topbar">
        <h1>SimpleJWT React example</h1>
        <UserMenu />
      </header>
      <main>
        <RequireAuth fallback={<LoginForm />} loading={<p className="muted">Restoring your session…</p>}>
          <Account />
        </RequireAuth>
      </main>
    </>
  );
}

function UserMenu(): ReactElement | null {
  const { isAuthenticated, logout } = useAuth<Claims>();
  const username = useAuthState((state: AuthState<Claims>) => state.claims?.username ?? null);
  const [leaving, setLeaving] = useState(false);
  if (!isAuthenticated) return null;

  const signOut = async (): Promise<void> => {
    setLeaving(true);
    try {
      // Blacklists the refresh token and ends the session in every tab; never fails because the
      // server is unreachable (the local session ends regardless).
      await logout();
    } finally {
      setLeaving(false);
    }
  };

  return (
    <nav className="user-menu" aria-label="Account">
      <span>
        Signed in as <strong>{username}</strong>
      </span>
      <button type="button" onClick={() => void signOut()} disabled={leaving}>
        {leaving ? 'Signing out…' : 'Sign out'}
      </button>
    </nav>
  );
}
