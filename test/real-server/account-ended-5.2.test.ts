/**
 * An account that is gone ends the session (issue 9, finding 3) on SimpleJWT 5.2.2, which still
 * refreshes tokens of inactive and deleted users: only an API call's 401 (`user_inactive`,
 * `user_not_found`) tells. Within that one call the session must end in every client sharing the
 * storage, and no refresh may follow.
 */
import { describe, expect, it } from 'vitest';
import { ROTATING, USERS, settle, sleep, until, useRealServer } from '../support/real-server.js';
import { expectSessionEnded } from '../support/real-server-checks.js';

const LIFETIME_S = 2;
const server = useRealServer({ ...ROTATING, SJWT_ACCESS_TOKEN_LIFETIME: String(LIFETIME_S) });

/** Logs `user` in on two clients sharing one storage; the first makes one successful API call. */
async function twoClientsOf(user: { username: string; password: string }) {
  const finder = server.client();
  const other = server.client({ storage: finder.storage });
  await finder.auth.login(user);
  await until(() => other.auth.getState().status === 'authenticated', 5_000, 'the second client to adopt the login');
  expect((await finder.auth.fetch('api/me/')).status).toBe(200);
  return { finder, other };
}

/** Refresh requests at the proxy during the next `lifetimes` access-token lifetimes. */
async function refreshesDuring(lifetimes: number): Promise<number> {
  const before = server.proxy.count('refresh');
  await sleep(lifetimes * LIFETIME_S * 1000);
  return server.proxy.count('refresh') - before;
}

describe('an account that is gone, on SimpleJWT 5.2', () => {
  it('a user deactivated mid-session: the next call ends the session (user_inactive) in both clients; no refresh follows', async () => {
    const { finder, other } = await twoClientsOf(USERS.dave);
    await server.django.manage('set_user_active', 'dave', 'false');
    const outcome = await settle(finder.auth.fetch('api/me/'));
    await expectSessionEnded({ outcome, reason: 'user_inactive', finder, others: [other], log: server.proxy.log() });
    expect(await refreshesDuring(3), server.proxy.log()).toBe(0);
  });

  it('a user deleted mid-session: the next call ends the session (user_not_found) in both clients; no refresh follows', async () => {
    const { finder, other } = await twoClientsOf(USERS.zoe);
    await server.django.manage('delete_user', USERS.zoe.username);
    const outcome = await settle(finder.auth.fetch('api/me/'));
    await expectSessionEnded({ outcome, reason: 'user_not_found', finder, others: [other], log: server.proxy.log() });
    expect(await refreshesDuring(3), server.proxy.log()).toBe(0);
  });
});
