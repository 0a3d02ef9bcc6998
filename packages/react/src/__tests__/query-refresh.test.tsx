/**
 * Queries and the session's timing: while a refresh runs, refetching queries wait for it (no
 * request goes out with the old token, no 401 storm, no retry); no protected query runs before
 * the session is known.
 */
import { memoryStorage } from '@simplejwt-client/core';
import { focusManager, useQuery } from '@tanstack/react-query';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAuthState } from '../index.js';
import { gatedStorage } from './support.js';
import { alice, providersFor, queryClientFor, queryWorld, useMe } from './query-support.js';

let teardown: () => void = () => {};
afterEach(() => {
  cleanup();
  focusManager.setFocused(undefined);
  teardown();
});

const N = 20;

/** N protected queries on one page, each over auth.fetch; counts query-function calls. */
async function pageWithQueries() {
  const env = queryWorld();
  teardown = env.teardown;
  const auth = env.tab();
  await auth.ready;
  await auth.login(alice);
  const queryClient = queryClientFor();
  const calls = { count: 0 };
  const { result } = renderHook(
    () => {
      const enabled = useAuthState((s) => s.status === 'authenticated');
      return Array.from({ length: N }, (_, i) =>
        useQuery({
          queryKey: ['item', i],
          enabled,
          queryFn: async ({ signal }) => {
            calls.count++;
            const response = await auth.fetch(`api/me/?item=${i}`, { signal });
            if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status });
            return response.json();
          },
        }),
      );
    },
    { wrapper: providersFor(auth, queryClient) },
  );
  await env.until(() => result.current.every((q) => q.isSuccess));
  env.api.requests = 0;
  calls.count = 0;
  return { env, auth, queryClient, result, calls };
}

describe('a refetch storm while a refresh runs', () => {
  it('focus refetches of N stale queries with an expired token: they wait for 1 refresh, then N requests, 0 401s', async () => {
    const { env, auth, result, calls } = await pageWithQueries();
    env.world.setNow(env.world.now() + 301_000);
    const held = env.holdRefresh();
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await held.arrived;
    await env.until(() => calls.count === N);
    expect(auth.getState().isRefreshing).toBe(true);
    expect(env.api.requests).toBe(0); // every query is paused on the refresh
    held.release();
    await env.until(() => env.api.requests === N && result.current.every((q) => q.isSuccess && !q.isFetching));
    expect({ refreshes: env.refreshes(), requests: env.api.requests, unauthorized: env.api.unauthorized }).toEqual({
      refreshes: 1,
      requests: N,
      unauthorized: 0,
    });
    expect(calls.count).toBe(N); // no query retried
  });

  it('the server rejects the token (clock skew): N 401s are retried once each after 1 refresh, no query fails', async () => {
    const { env, queryClient, result, calls } = await pageWithQueries();
    env.mock.control.advanceClock(301_000);
    await act(() => queryClient.invalidateQueries());
    await env.until(() => result.current.every((q) => q.isSuccess && !q.isFetching));
    expect({ refreshes: env.refreshes(), requests: env.api.requests, unauthorized: env.api.unauthorized }).toEqual({
      refreshes: 1,
      requests: 2 * N,
      unauthorized: N,
    });
    expect(calls.count).toBe(N);
  });
});

describe('before the session is known', () => {
  it('a protected query enabled on status runs 0 times while initializing, then once, with the token', async () => {
    const inner = memoryStorage();
    const { storage, open } = gatedStorage(inner);
    const env = queryWorld({ storage });
    teardown = env.teardown;
    // A stored session, left by an earlier visit.
    const earlier = env.tab({ storage: inner });
    await earlier.ready;
    await earlier.login(alice);
    earlier.destroy();
    env.api.requests = 0;

    const auth = env.tab();
    const calls = { count: 0 };
    const { result } = renderHook(() => useMe(auth, calls), { wrapper: providersFor(auth, queryClientFor()) });
    await act(() => env.world.flush());
    expect(auth.getState().status).toBe('initializing');
    expect(result.current.fetchStatus).toBe('idle');
    expect({ calls: calls.count, requests: env.api.requests }).toEqual({ calls: 0, requests: 0 });

    open();
    await env.until(() => result.current.isSuccess);
    expect(result.current.data).toMatchObject({ username: 'alice' });
    expect({ calls: calls.count, requests: env.api.requests, unauthorized: env.api.unauthorized }).toEqual({
      calls: 1,
      requests: 1,
      unauthorized: 0,
    });
  });
});
