/**
 * The app learns when the server refused logout (issue 9, finding 2): the proxy answers the
 * blacklist endpoint 403 (a CSRF check) or 401 in the real server's place, and `logout()` must
 * reject with `LogoutRefusedError` while clearing the session locally. An unreachable server is
 * no refusal: logout resolves.
 */
import { LogoutRefusedError, isSimpleJwtClientError } from '@simplejwt-client/core';
import { describe, expect, it } from 'vitest';
import { type Fault, faults } from '../support/counting-proxy.js';
import { ROTATING, USERS, settle, useRealServer } from '../support/real-server.js';
import { errorView } from '../support/real-server-checks.js';

const server = useRealServer(ROTATING);

/** Logs in, makes the proxy answer the blacklist call with `fault`, and logs out. */
async function logoutAgainst(fault: Fault) {
  const client = server.client();
  await client.auth.login(USERS.alice);
  server.proxy.inject('blacklist', fault);
  const outcome = await settle(client.auth.logout());
  expect(server.proxy.count('blacklist'), server.proxy.log()).toBe(1);
  // Local state is cleared whatever the server said.
  expect(client.auth.getState().status).toBe('unauthenticated');
  expect(await client.stored()).toBeNull();
  return outcome;
}

describe('the server refuses logout', () => {
  const refusals = [
    { status: 403, detail: 'CSRF Failed: CSRF token missing.' },
    { status: 401, detail: 'Authentication credentials were not provided.' },
  ];
  for (const { status, detail } of refusals) {
    it(`blacklist answered ${status} "${detail}": logout rejects with LogoutRefusedError and the session is gone locally`, async () => {
      const outcome = await logoutAgainst(faults.refuse(status, detail));
      const error = outcome.ok ? undefined : outcome.error;
      expect(outcome.ok ? 'logout resolved' : errorView(error)).toMatchObject({
        name: 'LogoutRefusedError',
        code: 'logout_refused',
        status,
      });
      expect(isSimpleJwtClientError(error)).toBe(true);
      expect(error).toBeInstanceOf(LogoutRefusedError);
    });
  }
});

describe('the server cannot be reached at logout', () => {
  it('the connection drops: logout resolves and the session is gone locally', async () => {
    expect(await logoutAgainst(faults.reset())).toEqual({ ok: true, value: undefined });
  });

  it('a proxy answers its 502 page: logout resolves and the session is gone locally', async () => {
    expect(await logoutAgainst(faults.badGateway())).toEqual({ ok: true, value: undefined });
  });
});
