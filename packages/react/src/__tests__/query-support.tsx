/** TanStack Query on the shared test world: a query client per tab, protected queries over `auth.fetch`, held refreshes. */
import type { AuthClient, AuthClientOptions } from '@simplejwt-client/core';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AuthProvider, retryUnlessAuthFailure, useAuthState } from '../index.js';
import { type Claims, refreshGate, setup } from './support.js';

export { alice } from './support.js';
export const carol = { username: 'carol', password: 'carol-password-3' };

/** A query client as the recipe sets one up: no retry of auth failures, no delay between retries (tests). */
export function queryClientFor(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: retryUnlessAuthFailure(2), retryDelay: 0 } } });
}

/** The shared world, plus refreshes that can be held at the server and a count of API requests and 401s. */
export function queryWorld(options: Parameters<typeof setup>[0] = {}) {
  const env = setup(options);
  const gate = refreshGate();
  const api = { requests: 0, unauthorized: 0 };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const isApi = /\/api\/(?!token\/)/.test(request.url);
    await gate.pass(request);
    const response = await env.mock.fetch(request);
    if (isApi) {
      api.requests++;
      if (response.status === 401) api.unauthorized++;
    }
    return response;
  };
  /** A client in a tab of its own (a fork of the world's platform), sharing the world's storage. */
  const tab = (extra: Partial<AuthClientOptions<Claims>> = {}) =>
    env.client({ platform: env.world.fork({ fetch }), ...extra }) as AuthClient<Claims>;
  const holdRefresh = gate.hold;
  /** Refresh requests the server answered. */
  const refreshes = () => env.mock.control.count('refresh');
  return { ...env, api, tab, holdRefresh, refreshes };
}

/** Both providers, as an app nests them. */
export const providersFor =
  (auth: AuthClient<Claims>, queryClient: QueryClient) =>
  ({ children }: { children?: ReactNode }) => (
    <AuthProvider client={auth}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </AuthProvider>
  );

/** The recipe's protected query: over `auth.fetch`, enabled only once the session is known to be authenticated. */
export function useMe(auth: AuthClient<Claims>, calls?: { count: number }) {
  const enabled = useAuthState((s) => s.status === 'authenticated');
  return useQuery({
    queryKey: ['me'],
    enabled,
    queryFn: async ({ signal }) => {
      if (calls) calls.count++;
      const response = await auth.fetch('api/me/', { signal });
      if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status });
      return (await response.json()) as { id: number; username: string };
    },
  });
}
