/**
 * The TanStack Query page of `test/e2e/tanstack-query.test.ts`, bundled by `tanstack-server.ts`: an
 * app as the recipe (docs/tanstack-query.md) builds it — one auth client and one QueryClient per
 * tab, the cache kept in sync with the session, a protected query enabled once authenticated —
 * plus a small test API on `window.__tanstackE2e`.
 */
import { createAuthClient } from '@simplejwt-client/core';
import { AuthProvider, retryUnlessAuthFailure, syncQueryCache, useAuthState } from '@simplejwt-client/react';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';

type Claims = { user_id: number };
type Me = { id: number; username: string };

const auth = createAuthClient<Claims>({ baseUrl: `${location.origin}/` });
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: retryUnlessAuthFailure() } } });
const clears = { count: 0 };
syncQueryCache(auth, queryClient, { onForget: () => clears.count++ });

let queryCalls = 0;
const fetchMe = async ({ signal }: { signal: AbortSignal }): Promise<Me> => {
  queryCalls++;
  const response = await auth.fetch('api/me/', { signal });
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status });
  return response.json() as Promise<Me>;
};

function Me() {
  const authenticated = useAuthState((s) => s.status === 'authenticated');
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe, enabled: authenticated });
  if (!authenticated) return <p id="me">signed out</p>;
  if (me.isError) return <p id="me">error</p>;
  return <p id="me">{me.data ? me.data.username : 'loading'}</p>;
}

createRoot(document.body.appendChild(document.createElement('main'))).render(
  <AuthProvider client={auth}>
    <QueryClientProvider client={queryClient}>
      <Me />
    </QueryClientProvider>
  </AuthProvider>,
);

/** What the test calls in the page. */
export interface TanstackPageApi {
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Refetches every query and resolves when they settled; how many failed. */
  refetch(): Promise<number>;
  /** The cached `['me']` user, how often the cache was forgotten, and query-function calls. */
  view(): { status: string; userId: number | null; cached: string | null; clears: number; queryCalls: number };
}

const api: TanstackPageApi = {
  login: async (username, password) => {
    await auth.login({ username, password });
  },
  logout: () => auth.logout(),
  async refetch() {
    await queryClient.refetchQueries();
    return queryClient
      .getQueryCache()
      .getAll()
      .filter((query) => query.state.status === 'error').length;
  },
  view() {
    const state = auth.getState();
    return {
      status: state.status,
      userId: state.claims?.user_id ?? null,
      cached: queryClient.getQueryData<Me>(['me'])?.username ?? null,
      clears: clears.count,
      queryCalls,
    };
  },
};
(window as unknown as { __tanstackE2e: TanstackPageApi }).__tanstackE2e = api;
