// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { afterEach, expect, it } from 'vitest';
import { AuthProvider, RequireAuth, useAuth, useAuthState } from '../index.js';
import { alice, setup } from './support.js';

let teardown: () => void = () => {};
afterEach(() => teardown());

it('renders the initializing snapshot on the server, without browser globals', async () => {
  expect(typeof window).toBe('undefined');
  expect(typeof document).toBe('undefined');
  const env = setup();
  teardown = env.teardown;
  const auth = env.client();
  await auth.login(alice);
  expect(auth.getState().status).toBe('authenticated');

  function Status() {
    const { status, isAuthenticated, claims } = useAuth();
    const expiresAt = useAuthState((s) => s.expiresAt);
    return <i>{`${status} ${isAuthenticated} ${claims === null} ${expiresAt}`}</i>;
  }
  const html = renderToString(
    <AuthProvider client={auth}>
      <Status />
      <RequireAuth loading={<p>loading</p>} fallback={<p>login form</p>}>
        <p>secret</p>
      </RequireAuth>
    </AuthProvider>,
  );
  expect(html).toBe('<i>initializing false true null</i><p>loading</p>');
});
