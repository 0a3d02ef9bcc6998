import { afterEach, describe, expect, it } from 'vitest';
import { isSessionExpiredError } from '../index.js';
import { alice, setup, twoTabsLoggedIn, type World } from './support.js';

let env: World;
afterEach(() => env.teardown());

const expiredEvents = (world: World) => world.events.filter((e) => e.type === 'session-expired');

describe('an account that is gone ends the session', () => {
  it.each([
    ['user_inactive', (w: World) => w.fake!.setActive('alice', false)],
    ['user_not_found', (w: World) => w.fake!.deleteUser('alice')],
    ['password_changed', (w: World) => w.fake!.changePassword('alice', 'new-password-1')],
  ])('in every tab, within one call: %s', async (reason, change) => {
    env = setup({ fake: { checkRevokeToken: true } });
    const { tabA, tabB } = await twoTabsLoggedIn(env);
    change(env);
    const error = await tabA.fetch('api/me/').catch((e: unknown) => e);
    expect(isSessionExpiredError(error) && error.reason).toBe(reason);
    await env.world.flush();
    for (const tab of [tabA, tabB]) {
      expect(tab.getState()).toMatchObject({ status: 'unauthenticated', error: { code: 'session_expired', reason } });
    }
    // One SessionExpiredError per tab, with the server's code as the reason.
    expect(expiredEvents(env)).toHaveLength(2);
    expect(await env.storage.getItem('simplejwt-client')).toBeNull();
    const requests = env.fake!.count();
    await env.world.advance(3_600_000);
    expect(env.fake!.count()).toBe(requests);
    expect(env.fake!.count('refresh')).toBe(0);
  });

  it('ends when SimpleJWT 5.5 refuses the refresh for an inactive account (no code in the body)', async () => {
    env = setup({ fake: { refreshChecksUser: true } });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    env.fake!.setActive('alice', false);
    env.world.setNow(env.world.now() + 301_000);
    const error = await auth.getAccessToken().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'session_expired',
      reason: 'no_active_account',
      detail: 'No active account found for the given token.',
    });
    expect(auth.getState().status).toBe('unauthenticated');
    expect(env.fake!.count('refresh')).toBe(1);
  });

  it('calls onSessionExpired once per client with the reason', async () => {
    env = setup({ fake: {} });
    const reasons: string[] = [];
    const auth = env.client({ onSessionExpired: (error) => reasons.push(error.reason) });
    await auth.ready;
    await auth.login(alice);
    env.fake!.setActive('alice', false);
    await Promise.all([auth.fetch('api/me/'), auth.fetch('api/me/')].map((p) => p.catch(() => undefined)));
    expect(reasons).toEqual(['user_inactive']);
  });
});

describe('credentials known to be dead are not sent', () => {
  it('a sliding session past refresh_exp ends without a refresh request', async () => {
    env = setup({ fake: { slidingLifetime: 300, slidingRefreshLifetime: 600 } });
    const auth = env.client({ tokenType: 'sliding' });
    await auth.ready;
    await auth.login(alice);
    await auth.getAccessToken();
    env.world.setNow(env.world.now() + 10 * 60_000);
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'session_expired', reason: 'token_not_valid' });
    expect(env.fake!.count('slidingRefresh')).toBe(0);
  });

  it('a refresh token past its exp ends the session without a request', async () => {
    env = setup({ fake: { accessLifetime: 60, refreshLifetime: 120 } });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    env.world.setNow(env.world.now() + 121_000);
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'session_expired' });
    expect(env.fake!.count('refresh')).toBe(0);
    expect(expiredEvents(env)).toHaveLength(1);
  });
});
