/**
 * syncQueryCache: a tab's TanStack Query cache is forgotten when the data in it may belong to someone
 * who is gone — logout (this tab or another), the server ending the session, a different user's
 * login (this tab or another) — and not otherwise. Exact counts of forgets.
 */
import type { QueryClient } from '@tanstack/react-query';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { syncQueryCache } from '../index.js';
import { alice, carol, providersFor, queryClientFor, queryWorld, useMe } from './query-support.js';

let teardown: () => void = () => {};
afterEach(() => {
  cleanup();
  teardown();
});

function world() {
  const env = queryWorld();
  teardown = env.teardown;
  return env;
}

/** A tab: its client, its query client with the cache kept in sync, and a count of clears. */
async function openTab(env: ReturnType<typeof world>) {
  const auth = env.tab();
  await auth.ready;
  const queryClient = queryClientFor();
  const clears = { count: 0, why: [] as string[] };
  const unsubscribe = syncQueryCache(auth, queryClient, {
    onForget: (why) => {
      clears.count++;
      clears.why.push(why);
    },
  });
  return { auth, queryClient, clears, unsubscribe };
}

/** Mounts the protected query in a tab and waits for its data. */
async function loadMe(env: ReturnType<typeof world>, tab: Awaited<ReturnType<typeof openTab>>) {
  const { result } = renderHook(() => useMe(tab.auth), { wrapper: providersFor(tab.auth, tab.queryClient) });
  await env.until(() => result.current.isSuccess);
  return result;
}

const cached = (queryClient: QueryClient) => queryClient.getQueryData<{ username: string }>(['me'])?.username;

describe('syncQueryCache', () => {
  it('a logout in one tab clears the cache of every tab, once each', async () => {
    const env = world();
    const [a, b] = [await openTab(env), await openTab(env)];
    await act(() => a.auth.login(alice));
    await env.until(() => b.auth.getState().status === 'authenticated');
    await loadMe(env, a);
    await loadMe(env, b);
    expect([cached(a.queryClient), cached(b.queryClient)]).toEqual(['alice', 'alice']);

    await act(() => b.auth.logout());
    await env.until(() => a.auth.getState().status === 'unauthenticated');
    expect([cached(a.queryClient), cached(b.queryClient)]).toEqual([undefined, undefined]);
    expect([a.clears.why, b.clears.why]).toEqual([['session-ended'], ['session-ended']]);
  });

  it('a mounted query of the previous user is emptied at logout and sends nothing while logged out', async () => {
    const env = world();
    const a = await openTab(env);
    await act(() => a.auth.login(alice));
    const shown = await loadMe(env, a);
    const before = env.api.requests;
    await act(() => a.auth.logout());
    await act(() => env.world.flush());
    expect(shown.current.data).toBeUndefined();
    expect(shown.current.fetchStatus).toBe('idle');
    expect(env.api.requests).toBe(before);
  });

  it('the server ending the session (an account it rejects) clears the cache in every tab', async () => {
    const env = world();
    const [a, b] = [await openTab(env), await openTab(env)];
    await act(() => a.auth.login(alice));
    await env.until(() => b.auth.getState().status === 'authenticated');
    a.queryClient.setQueryData(['orders'], ['alice-order']);
    b.queryClient.setQueryData(['orders'], ['alice-order']);

    env.mock.control.updateUser('alice', { is_active: false });
    await act(async () => {
      await a.auth.fetch('api/me/').catch(() => undefined);
    });
    await env.until(() => b.auth.getState().status === 'unauthenticated');
    expect(a.auth.getState().error).toMatchObject({ code: 'session_expired', reason: 'user_inactive' });
    expect([a.queryClient.getQueryData(['orders']), b.queryClient.getQueryData(['orders'])]).toEqual([
      undefined,
      undefined,
    ]);
    expect([a.clears.count, b.clears.count]).toEqual([1, 1]);
  });

  it('another user logging in, here or in another tab, clears it; the same user after a refresh does not', async () => {
    const env = world();
    const [a, b] = [await openTab(env), await openTab(env)];
    await act(() => a.auth.login(alice));
    await env.until(() => b.auth.getState().status === 'authenticated');
    // What tab B's mounted query showed, render by render, with the user its session belonged to.
    const renders: Array<[unknown, string | undefined]> = [];
    const shownInB = renderHook(
      () => {
        const me = useMe(b.auth);
        renders.push([b.auth.getState().claims?.user_id, me.data?.username]);
        return me;
      },
      { wrapper: providersFor(b.auth, b.queryClient) },
    ).result;
    await env.until(() => shownInB.current.isSuccess);

    await act(() => a.auth.refresh());
    await env.until(() => b.auth.getState().claims?.jti === a.auth.getState().claims?.jti);
    expect(cached(b.queryClient)).toBe('alice');
    expect([a.clears.count, b.clears.count]).toEqual([0, 0]);

    // carol logs in over alice's session in tab A: tab B follows her. Its mounted query drops
    // alice's data at once (no render shows it any more) and loads carol's.
    await act(() => a.auth.login(carol));
    await env.until(() => b.auth.getState().claims?.user_id === 3);
    await env.until(() => shownInB.current.data?.username === 'carol');
    expect(renders.filter(([user, shown]) => user === 3 && shown === 'alice')).toEqual([]);
    expect(renders.filter(([user]) => user === 3).length).toBeGreaterThan(0);
    expect([a.clears.why, b.clears.why]).toEqual([['user-changed'], ['user-changed']]);
  });

  it('data cached while logged out survives a login; the same user logging in again forgets nothing more', async () => {
    const env = world();
    const a = await openTab(env);
    a.queryClient.setQueryData(['public', 'news'], ['headline']);
    await act(() => a.auth.login(alice));
    expect(a.queryClient.getQueryData(['public', 'news'])).toEqual(['headline']);
    expect(a.clears.count).toBe(0);

    await act(() => a.auth.logout());
    expect(a.clears.count).toBe(1);
    expect(a.queryClient.getQueryData(['public', 'news'])).toBeUndefined();
    a.queryClient.setQueryData(['public', 'news'], ['later']);
    await act(() => a.auth.login(alice));
    expect(a.queryClient.getQueryData(['public', 'news'])).toEqual(['later']);
    expect(a.clears.count).toBe(1);
  });

  it('the query whose request found out that the session ended is forgotten with it: cancelled, not retried, no data', async () => {
    const env = world();
    const a = await openTab(env);
    await act(() => a.auth.login(alice));
    const calls = { count: 0 };
    const { result } = renderHook(() => useMe(a.auth, calls), { wrapper: providersFor(a.auth, a.queryClient) });
    await env.until(() => result.current.isSuccess);
    env.mock.control.updateUser('alice', { is_active: false });
    await act(() => a.queryClient.refetchQueries());
    await env.until(() => a.auth.getState().status === 'unauthenticated' && !result.current.isFetching);
    expect(calls.count).toBe(2);
    expect(result.current.data).toBeUndefined();
    expect(a.clears.why).toEqual(['session-ended']);
    expect(a.auth.getState().error).toMatchObject({ code: 'session_expired', reason: 'user_inactive' });
  });

  it('stops after unsubscribe', async () => {
    const env = world();
    const a = await openTab(env);
    await act(() => a.auth.login(alice));
    a.unsubscribe();
    await act(() => a.auth.logout());
    expect(a.clears.count).toBe(0);
  });
});
