/**
 * The protected page: the user's name from the token's claims, and their account loaded from the
 * API with `useAuthFetch` (which attaches the access token, refreshing it first when due and once
 * more after a 401).
 */
import type { AuthState } from '@simplejwt-client/core';
import { useAuthFetch, useAuthState } from '@simplejwt-client/react';
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { Claims } from './auth.js';

/** What the API's `api/me/` answers. */
interface Me {
  id: number;
  username: string;
  email: string;
}

type Load = { state: 'loading' } | { state: 'loaded'; me: Me } | { state: 'failed'; message: string };

export function Account(): ReactElement {
  const authFetch = useAuthFetch();
  const username = useAuthState((state: AuthState<Claims>) => state.claims?.username ?? null);
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  const fetchMe = useCallback(
    async (signal?: AbortSignal): Promise<void> => {
      setLoad({ state: 'loading' });
      try {
        const response = await authFetch('api/me/', { signal, headers: { Accept: 'application/json' } });
        if (!response.ok) throw new Error(`The server answered ${response.status} ${response.statusText}`.trim());
        const me = (await response.json()) as Me;
        if (!signal?.aborted) setLoad({ state: 'loaded', me });
      } catch (error) {
        if (signal?.aborted) return;
        setLoad({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
    [authFetch],
  );

  useEffect(() => {
    const controller = new AbortController();
    void fetchMe(controller.signal);
    return () => controller.abort();
  }, [fetchMe]);

  return (
    <section className="card" aria-labelledby="account-title">
      <h2 id="account-title">Welcome, {username ?? 'there'}</h2>
      <p className="muted">Your name comes from the access token’s claims; the details below from the API.</p>
      <h3>Your account</h3>
      <div aria-live="polite" aria-busy={load.state === 'loading'}>
        {load.state === 'loading' && <p className="muted">Loading…</p>}
        {load.state === 'failed' && (
          <p className="error" role="alert">
            Could not load your account: {load.message}
          </p>
        )}
        {load.state === 'loaded' && (
          <dl aria-label="Account details">
            <dt>ID</dt>
            <dd>{load.me.id}</dd>
            <dt>Username</dt>
            <dd>{load.me.username}</dd>
            <dt>Email</dt>
            <dd>{load.me.email || '—'}</dd>
          </dl>
        )}
      </div>
      <button type="button" onClick={() => void fetchMe()} disabled={load.state === 'loading'}>
        Reload
      </button>
    </section>
  );
}
