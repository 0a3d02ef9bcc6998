'use client';
/**
 * The protected client page: the user id from the token's claims and the account from the API,
 * loaded with the client's `fetch` (token attached, refreshed when due, one retry after a 401).
 * The load is aborted when the effect is cleaned up, so StrictMode's double effect sends one request.
 */
import type { AuthState } from '@simplejwt-client/core';
import { useAuth, useAuthFetch, useAuthState } from '@simplejwt-client/react';
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { Claims } from '../lib/auth';

/** What `api/me/` answers. */
interface Me {
  id: number;
  username: string;
  email: string;
}

export function Account(): ReactElement {
  const authFetch = useAuthFetch();
  const { logout } = useAuth<Claims>();
  const userId = useAuthState((state: AuthState<Claims>) => state.claims?.user_id);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal): Promise<void> => {
      setMe(null);
      setError(null);
      try {
        const response = await authFetch('api/me/', { signal });
        if (!response.ok) throw new Error(`The server answered ${response.status}`);
        const data = (await response.json()) as Me;
        if (!signal?.aborted) setMe(data);
      } catch (caught) {
        if (!signal?.aborted) setError(caught instanceof Error ? caught.message : String(caught));
      }
    },
    [authFetch],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <section className="card">
      <h2>Welcome, user {userId}</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {me ? (
        <dl aria-label="Account details">
          <dt>Username</dt>
          <dd>{me.username}</dd>
          <dt>Email</dt>
          <dd>{me.email}</dd>
        </dl>
      ) : (
        !error && <p>Loading your account…</p>
      )}
      <button type="button" onClick={() => void load()}>
        Reload
      </button>{' '}
      <button type="button" onClick={() => void logout()}>
        Sign out
      </button>
    </section>
  );
}
