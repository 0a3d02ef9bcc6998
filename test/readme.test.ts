// The README's "Testing your app against the mock" snippet, kept runnable so the docs stay true.
import { createAuthClient } from '@simplejwt-client/core';
import { createTestPlatform } from '@simplejwt-client/core/testing';
import { createSimpleJwtMock } from '@simplejwt-client/mock-server';
import { expect, it } from 'vitest';

it('README: the client against the mock with virtual time', async () => {
  const baseUrl = 'https://api.example.com/';
  const platform = createTestPlatform({ fetch: (input, init) => mock.fetch(input, init) });
  const mock = createSimpleJwtMock({ baseUrl, clock: platform, settings: { ROTATE_REFRESH_TOKENS: true } });
  const auth = createAuthClient({ baseUrl, platform });

  await auth.login({ username: 'alice', password: 'alice-password-1' });
  for (let minute = 0; minute < 10; minute++) {
    await auth.fetch('api/me/');
    await platform.advance(60_000);
  }
  expect(mock.control.count('refresh')).toBe(2);
  expect(mock.control.requests.filter((r) => r.status === 401).length).toBe(0);
  auth.destroy();
});
