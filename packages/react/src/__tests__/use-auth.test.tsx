import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StrictMode } from 'react';
import { AuthProvider, useAuth, useAuthClient, useAuthState, RequireAuth, type UseAuthResult } from '../index.js';
import { alice, countListeners, gatedStorage, providerFor, setup, type Claims } from './support.js';

let teardown: () => void = () => {};
afterEach(() => {
  cleanup();
  teardown();
});

function world(options?: Parameters<typeof setup>[0]) {
  const env = setup(options);
  teardown = env.teardown;
  return env;
}

describe('outside an AuthProvider', () => {
  it('useAuth, useAuthClient and RequireAuth throw an error naming AuthProvider', () => {
    // React logs the uncaught render error; keep the output clean.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(() => renderHook(() => useAuth())).toThrow(/<AuthProvider client=\{auth\}>/);
      expect(() => renderHook(() => useAuthClient())).toThrow(Error);
      expect(() => renderHook(() => useAuthState((s) => s.status))).toThrow(/AuthProvider/);
      expect(() => render(<RequireAuth>secret</RequireAuth>)).toThrow(/AuthProvider/);
    } finally {
      consoleError.mockRestore();
    }
  });
});

describe('useAuth', () => {
  it('follows the client: initializing → unauthenticated → (login) authenticated with claims → (logout) unauthenticated', async () => {
    const { storage, open } = gatedStorage();
    const env = world({ storage });
    const auth = env.client();
    const statuses: string[] = [];
    const { result } = renderHook(
      () => {
        const value = useAuth<Claims>();
        if (statuses.at(-1) !== value.status) statuses.push(value.status);
        return value;
      },
      { wrapper: providerFor(auth) },
    );

    expect(result.current.status).toBe('initializing');
    expect(result.current.isAuthenticated).toBe(false);
    expect(result.current.claims).toBeNull();

    open();
    await env.until(() => result.current.status !== 'initializing');
    expect(result.current.status).toBe('unauthenticated');
    expect(result.current.error).toBeNull();

    await act(() => result.current.login(alice));
    expect(result.current.status).toBe('authenticated');
    expect(result.current.isAuthenticated).toBe(true);
    expect(result.current.claims?.user_id).toBe(1);
    expect(result.current.expiresAt).toBe(auth.getState().expiresAt);
    expect(result.current.expiresAt).toBeGreaterThan(env.world.now());
    expect(result.current.isRefreshing).toBe(false);

    await act(() => result.current.logout());
    expect(result.current.status).toBe('unauthenticated');
    expect(result.current.claims).toBeNull();
    expect(statuses).toEqual(['initializing', 'unauthenticated', 'authenticated', 'unauthenticated']);
  });

  it('shows a failed login as error, and the action rejects with it', async () => {
    const env = world();
    const auth = env.client();
    await auth.ready;
    const { result } = renderHook(() => useAuth(), { wrapper: providerFor(auth) });

    let caught: unknown;
    await act(() =>
      result.current.login({ username: 'alice', password: 'wrong' }).catch((e: unknown) => void (caught = e)),
    );
    expect(result.current.status).toBe('unauthenticated');
    expect(result.current.error).toBe(caught);
    expect(result.current.error?.code).toBe('no_active_account');
  });

  it('keeps login, logout and fetch the same functions across renders and state changes', async () => {
    const env = world();
    const auth = env.client();
    await auth.ready;
    const { result, rerender } = renderHook(() => useAuth(), { wrapper: providerFor(auth) });
    const first: UseAuthResult = result.current;

    rerender();
    await act(() => result.current.login(alice));
    expect(result.current.status).toBe('authenticated');
    expect(result.current.login).toBe(first.login);
    expect(result.current.logout).toBe(first.logout);
    expect(result.current.fetch).toBe(first.fetch);
    expect(result.current.fetch).toBe(auth.fetch);
  });

  it('updates when another client instance sharing the storage logs in and out', async () => {
    const env = world();
    const tabA = env.client();
    const tabB = env.client({}, env.world.fork());
    await Promise.all([tabA.ready, tabB.ready]);
    render(
      <AuthProvider client={tabA}>
        <RequireAuth fallback={<p>login form</p>}>
          <p>welcome</p>
        </RequireAuth>
      </AuthProvider>,
    );
    expect(screen.getByText('login form')).toBeTruthy();

    await act(() => tabB.login(alice));
    await env.until(() => tabA.getState().status === 'authenticated');
    expect(screen.getByText('welcome')).toBeTruthy();

    await act(() => tabB.logout());
    await env.until(() => tabA.getState().status === 'unauthenticated');
    expect(screen.getByText('login form')).toBeTruthy();
    expect(screen.queryByText('welcome')).toBeNull();
  });

  it('unsubscribes from the client on unmount', async () => {
    const env = world();
    const auth = env.client();
    await auth.ready;
    const listeners = countListeners(auth);
    let renders = 0;
    function Status() {
      renders++;
      const { status } = useAuth();
      const userId = useAuthState((s) => (s.claims as Claims | null)?.user_id);
      return (
        <p>
          {status} {userId}
        </p>
      );
    }
    const view = render(
      <AuthProvider client={auth}>
        <Status />
        <RequireAuth>secret</RequireAuth>
      </AuthProvider>,
    );
    expect(listeners()).toBe(3);

    view.unmount();
    expect(listeners()).toBe(0);
    const before = renders;
    await act(() => auth.login(alice));
    expect(renders).toBe(before);
  });

  it('under StrictMode (double render and effects) follows login and logout and leaves no subscription behind', async () => {
    const env = world();
    const auth = env.client();
    await auth.ready;
    const listeners = countListeners(auth);
    function Status() {
      const { status, claims } = useAuth<Claims>();
      return <p data-testid="status">{`${status} ${claims?.user_id ?? '-'}`}</p>;
    }
    const view = render(
      <StrictMode>
        <AuthProvider client={auth}>
          <Status />
        </AuthProvider>
      </StrictMode>,
    );
    expect(screen.getByTestId('status').textContent).toBe('unauthenticated -');
    await act(() => auth.login(alice));
    expect(screen.getByTestId('status').textContent).toBe('authenticated 1');
    await act(() => auth.logout());
    expect(screen.getByTestId('status').textContent).toBe('unauthenticated -');
    view.unmount();
    expect(listeners()).toBe(0);
  });

  it('moves its subscription when the provider is given another client', async () => {
    const env = world();
    const first = env.client();
    const other = setup();
    const second = other.client();
    teardown = () => {
      env.teardown();
      other.teardown();
    };
    await Promise.all([first.ready, second.ready]);
    await second.login(alice);
    const firstListeners = countListeners(first);
    const secondListeners = countListeners(second);
    const seen: UseAuthResult[] = [];
    function Probe() {
      const value = useAuth();
      seen.push(value);
      return <p>{value.status}</p>;
    }

    const view = render(
      <AuthProvider client={first}>
        <Probe />
      </AuthProvider>,
    );
    expect(screen.getByText('unauthenticated')).toBeTruthy();
    expect([firstListeners(), secondListeners()]).toEqual([1, 0]);

    view.rerender(
      <AuthProvider client={second}>
        <Probe />
      </AuthProvider>,
    );
    expect(screen.getByText('authenticated')).toBeTruthy();
    expect([firstListeners(), secondListeners()]).toEqual([0, 1]);
    expect(seen.at(-1)!.fetch).toBe(second.fetch);
    expect(seen.at(-1)!.login).not.toBe(seen[0]!.login);
  });
});
