/**
 * An account that is gone ends the session (issue 9, finding 3) on SimpleJWT 5.5, whose refresh
 * refuses inactive users (401 "No active account found for the given token.", no code), answers a
 * deleted user's refresh with a 500 page (so only an API call's 401 tells), and with
 * `CHECK_REVOKE_TOKEN` rejects every token issued before a password change (`password_changed`)
 * while the old refresh token still refreshes.
 */
import { describe, expect, it } from 'vitest';
import { ROTATING, type TestClient, USERS, settle, sleep, useRealServer } from '../support/real-server.js';
import { expectSessionEnded } from '../support/real-server-checks.js';

const LIFETIME_S = 3;
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

/**
 * Calls `api/me/` every 200 ms while `change` runs and once after it; returns how many calls
 * answered 200 before the first one that did not (or before the one after `change`), and that call.
 */
async function callThrough(client: TestClient, change: Promise<void>) {
  let changed = false;
  const done = change.then(() => {
    changed = true;
  });
  let before = 0;
  for (;;) {
    const last = changed;
    const outcome = await settle(client.auth.fetch('api/me/'));
    if (last || !outcome.ok || outcome.value.status !== 200) {
      await done;
      return { before, outcome };
    }
    before += 1;
    await sleep(200);
  }
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
    await expectSessionEnded({ outcome, reason: 'no_active_account', finder: client, log: server.proxy.log() });
    expect(refreshesAnswered('No active account found for the given token.'), server.proxy.log()).toBe(1);
    expect(await refreshesDuring(2), server.proxy.log()).toBe(0);
  });

  it('a user deleted while the client is in use: the first call after it ends the session (user_not_found); no refresh follows', async () => {
    const client = server.client({ retry });
    await client.auth.login(USERS.zoe);
    // Calls go on while the user is deleted (its refresh then answers 500), so the access token
    // stays fresh however long the management command takes.
    const { before, outcome } = await callThrough(client, server.django.manage('delete_user', USERS.zoe.username));
    expect(before).toBeGreaterThan(0);
    await expectSessionEnded({ outcome, reason: 'user_not_found', finder: client, log: server.proxy.log() });
    expect(await refreshesDuring(2), server.proxy.log()).toBe(0);
  });

  it('the password changed (CHECK_REVOKE_TOKEN): the next call ends the session (password_changed); no refresh follows', async () => {
    const client = server.client({ retry });
    await client.auth.login(USERS.alice);
    expect((await client.auth.fetch('api/me/')).status).toBe(200);
    await server.django.manage('set_user_password', USERS.alice.username, 'alice-password-changed');
    const outcome = await settle(client.auth.fetch('api/me/'));
    await expectSessionEnded({ outcome, reason: 'password_changed', finder: client, log: server.proxy.log() });
    expect(await refreshesDuring(2), server.proxy.log()).toBe(0);
  });
});
