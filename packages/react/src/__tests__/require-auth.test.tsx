import { memoryStorage } from '@simplejwt-client/core';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { AuthProvider, RequireAuth } from '../index.js';
import { alice, gatedStorage, setup } from './support.js';

let teardown: () => void = () => {};
afterEach(() => {
  cleanup();
  teardown();
});

let fallbackRenders = 0;
function Login() {
  fallbackRenders++;
  return <p>login form</p>;
}

const app = (client: Parameters<typeof AuthProvider>[0]['client']) => (
  <AuthProvider client={client}>
    <RequireAuth fallback={<Login />} loading={<p>loading…</p>}>
      <p>secret</p>
    </RequireAuth>
  </AuthProvider>
);

it('shows loading while initializing, then the fallback when logged out, children after login, the fallback after logout', async () => {
  fallbackRenders = 0;
  const { storage, open } = gatedStorage();
  const env = setup({ storage });
  teardown = env.teardown;
  const auth = env.client();
  render(app(auth));
  expect(screen.getByText('loading…')).toBeTruthy();
  expect(screen.queryByText('login form')).toBeNull();
  expect(fallbackRenders).toBe(0);

  open();
  await env.until(() => auth.getState().status !== 'initializing');
  expect(screen.getByText('login form')).toBeTruthy();
  expect(screen.queryByText('loading…')).toBeNull();

  await act(() => auth.login(alice));
  expect(screen.getByText('secret')).toBeTruthy();
  expect(screen.queryByText('login form')).toBeNull();

  await act(() => auth.logout());
  expect(screen.getByText('login form')).toBeTruthy();
  expect(screen.queryByText('secret')).toBeNull();
});

it('never renders the fallback before a stored session has been read', async () => {
  fallbackRenders = 0;
  const inner = memoryStorage();
  // A session saved by an earlier page load.
  const earlier = setup({ storage: inner });
  const previous = earlier.client();
  await previous.login(alice);
  previous.destroy();

  const { storage, open } = gatedStorage(inner);
  const env = setup({ storage });
  teardown = env.teardown;
  const auth = env.client();
  render(app(auth));
  expect(screen.getByText('loading…')).toBeTruthy();

  open();
  await env.until(() => auth.getState().status !== 'initializing');
  expect(auth.getState().status).toBe('authenticated');
  expect(screen.getByText('secret')).toBeTruthy();
  expect(fallbackRenders).toBe(0);
});

it('renders nothing by default while initializing and when logged out', async () => {
  const { storage, open } = gatedStorage();
  const env = setup({ storage });
  teardown = env.teardown;
  const auth = env.client();
  const { container } = render(
    <AuthProvider client={auth}>
      <RequireAuth>
        <p>secret</p>
      </RequireAuth>
    </AuthProvider>,
  );
  expect(container.innerHTML).toBe('');
  open();
  await env.until(() => auth.getState().status === 'unauthenticated');
  expect(container.innerHTML).toBe('');
  await act(() => auth.login(alice));
  expect(container.innerHTML).toBe('<p>secret</p>');
});
