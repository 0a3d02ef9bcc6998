import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { useAuthFetch } from '../index.js';
import { alice, providerFor, setup } from './support.js';

let teardown: () => void = () => {};
afterEach(() => {
  cleanup();
  teardown();
});

it('returns the client fetch, stable across renders and logins, which sends the bearer token', async () => {
  const env = setup();
  teardown = env.teardown;
  const auth = env.client();
  await auth.ready;
  const { result, rerender } = renderHook(() => useAuthFetch(), { wrapper: providerFor(auth) });
  const first = result.current;
  expect(first).toBe(auth.fetch);

  // Logged out: no token is sent and the protected view refuses.
  const anonymous = await first('api/me/');
  expect(anonymous.status).toBe(401);
  expect(env.authorization.at(-1)).toBeNull();

  await act(() => auth.login(alice));
  rerender();
  expect(result.current).toBe(first);

  const response = await result.current('api/me/');
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ id: 1, username: 'alice' });
  expect(env.authorization.at(-1)).toBe(`Bearer ${await auth.getAccessToken()}`);
  const seen = env.mock.control.requests.filter((r) => r.endpoint === 'me');
  expect(seen.map((r) => r.status)).toEqual([401, 200]);
});
