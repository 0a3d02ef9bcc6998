/**
 * An account that is gone ends the session (issue 9, finding 3) on SimpleJWT 5.5, whose refresh
 * refuses inactive users (401 "No active account found for the given token.", no code), answers a
 * deleted user's refresh with a 500 page, and with `CHECK_REVOKE_TOKEN` rejects every token issued
 * before a password change (`password_changed`) while the old refresh token still refreshes.
 */
import { describe, expect, it } from 'vitest';
import { ROTATING, USERS, expectSessionEnded, settle, sleep, useRealServer } from '../support/real-server.js';

const LIFETIME_S = 6;
const server = useRealServer(
  { ...ROTATING, SJWT_CHECK_REVOKE_TOKEN: 'true', SJWT_ACCESS_TOKEN_LIFETIME: String(LIFETIME_S) },
  '5.5',
);
/** Short backoff, so a refresh answered 500 gives up quickly. */
const retry = { attempts: 2, baseDelay: 100, maxDelay: 200 };

/** Refresh requests at the proxy during the next `lifetimes` access-token lifetimes. */
async function refreshesDuring(lifetimes: number): Promise<number> {
  const before = server.proxy.count('refresh');
  await sleep(lifetimes * LIFETIME_S * 1000);
  return server.proxy.count('refresh') - before;
}

/** Refresh answers of the proxy's log carrying `detail`. */
const refreshesAnswered = (detail: string): number =>
  server.proxy.entries.filter((entry) => entry.endpoint === 'refresh' && entry.detail === detail).length;

describe('an account that is gone, on SimpleJWT 5.5', () => {
  it('a user deactivated mid-session: the refresh before the next call is refused, which ends the session (no_active_account)', async () => {
    const client = server.client({ retry });
    await client.auth.login(USERS.dave);
    await server.django.manage('set_user_active', 'dave', 'false');
    // Idle until the access token has expired, so that the next call has to refresh first.
    await sleep(client.auth.getState().expiresAt! - Date.now() + 250);
    const outcome = await settle(client.auth.fetch('api/me/'));
    await expectSessionEnded(outcome, 'no_active_account', client);
    expect(refreshesAnswered('No active account found for the given token.'), server.proxy.log()).toBe(1);
    expect(await refreshesDuring(1.5), server.proxy.log()).toBe(0);
  });

  it('a user deleted mid-session: the next call ends the session (user_not_found); no refresh follows', async () => {
    const client = server.client({ retry });
    await client.auth.login(USERS.zoe);
    expect((await client.auth.fetch('api/me/')).status).toBe(200);
    await server.django.manage('delete_user', USERS.zoe.username);
    const outcome = await settle(client.auth.fetch('api/me/'));
    await expectSessionEnded(outcome, 'user_not_found', client);
    expect(await refreshesDuring(1.5), server.proxy.log()).toBe(0);
  });

  it('the password changed (CHECK_REVOKE_TOKEN): the next call ends the session (password_changed); no refresh follows', async () => {
    const client = server.client({ retry });
    await client.auth.login(USERS.alice);
    expect((await client.auth.fetch('api/me/')).status).toBe(200);
    await server.django.manage('set_user_password', USERS.alice.username, 'alice-password-changed');
    const outcome = await settle(client.auth.fetch('api/me/'));
    await expectSessionEnded(outcome, 'password_changed', client);
    expect(await refreshesDuring(1.5), server.proxy.log()).toBe(0);
  });
});
