import { act } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, expect, it, vi } from 'vitest';
import { AuthProvider, RequireAuth } from '../index.js';
import { alice, setup } from './support.js';

// Tell React this environment wraps updates in act (Testing Library does this when imported).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let teardown: () => void = () => {};
afterEach(() => teardown());

it('hydrates server markup without a mismatch, then shows the browser session', async () => {
  const env = setup();
  teardown = env.teardown;
  const auth = env.client();
  await auth.login(alice);
  const app = (
    <AuthProvider client={auth}>
      <RequireAuth loading={<p>loading</p>} fallback={<p>login form</p>}>
        <p>secret</p>
      </RequireAuth>
    </AuthProvider>
  );
  const container = document.createElement('div');
  container.innerHTML = renderToString(app);
  expect(container.innerHTML).toBe('<p>loading</p>');

  const recoverable = vi.fn();
  const consoleError = vi.spyOn(console, 'error');
  const root = await act(async () => hydrateRoot(container, app, { onRecoverableError: recoverable }));
  try {
    expect(container.innerHTML).toBe('<p>secret</p>');
    expect(recoverable).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
  } finally {
    consoleError.mockRestore();
    act(() => root.unmount());
  }
});
