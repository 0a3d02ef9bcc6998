import { afterEach, describe, expect, it } from 'vitest';
import { LogoutRefusedError } from '../index.js';
import { alice, setup, twoTabsLoggedIn, type World } from './support.js';

let env: World;
afterEach(() => env.teardown());

const rotate = { rotate: true, blacklistAfterRotation: true };

/** Holds the fake server's answers to `endpoint` until `release()`. */
function hold(world: World, endpoint: 'refresh' | 'obtain') {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  world.fake!.gate(endpoint, () => gate);
  return release;
}

/** Every refresh token the server issued that it still accepts. */
const alive = (world: World): string[] => world.fake!.issuedRefreshTokens().filter((t) => world.fake!.accepts(t));

describe('no refresh token outlives logout', () => {
  it.each([
    ['with rotation', rotate],
    ['without rotation', {}],
  ])('revokes the result of a refresh in flight in this tab (%s)', async (_name, settings) => {
    env = setup({ fake: settings });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    const release = hold(env, 'refresh');
    const refreshing = auth.refresh().catch((e: unknown) => e);
    await env.world.flush();
    const loggingOut = auth.logout();
    await env.world.flush();
    expect(auth.getState().status).toBe('unauthenticated');
    release();
    await loggingOut;
    await refreshing;
    expect(alive(env)).toEqual([]);
    expect(env.events.at(-1)).toEqual({ type: 'logout-revocation', outcome: 'revoked' });
  });

  it('waits for another tab’s refresh in flight and revokes what it committed', async () => {
    env = setup({ fake: rotate });
    const { tabA, tabB } = await twoTabsLoggedIn(env);
    const release = hold(env, 'refresh');
    const refreshing = tabB.refresh().catch((e: unknown) => e);
    await env.world.flush();
    const loggingOut = tabA.logout();
    await env.world.flush();
    release();
    await loggingOut;
    await refreshing;
    expect(alive(env)).toEqual([]);
    expect(tabA.getState().status).toBe('unauthenticated');
    expect(tabB.getState().status).toBe('unauthenticated');
    expect(env.fake!.count('refresh')).toBe(1);
  });

  it('revokes a result discarded because another tab logged in meanwhile', async () => {
    env = setup({ fake: rotate });
    const { tabA, tabB } = await twoTabsLoggedIn(env);
    const release = hold(env, 'refresh');
    const refreshing = tabB.refresh().catch((e: unknown) => e);
    await env.world.flush();
    // The same user logs in again in tab A without logging out (a second login form).
    const relogin = tabA.login(alice);
    release();
    await relogin;
    await refreshing;
    await env.world.flush();
    const current = JSON.parse((await env.storage.getItem('simplejwt-client'))!).refresh;
    // The first login's token was rotated away, and tab B's rotated result belonged to nobody.
    expect(alive(env)).toEqual([current]);
    expect(tabB.getState().status).toBe('authenticated');
  });
});

describe('the server’s answer to logout', () => {
  it.each([
    [403, { detail: 'CSRF Failed: CSRF token missing.' }],
    [401, { detail: 'Authentication credentials were not provided.' }],
  ])(
    'rejects with LogoutRefusedError when the server refuses (%i); local state is cleared anyway',
    async (status, body) => {
      env = setup();
      const auth = env.client();
      await auth.ready;
      await auth.login(alice);
      env.mock.control.fail({ endpoint: 'blacklist', status, body: JSON.stringify(body) });
      const error = await auth.logout().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LogoutRefusedError);
      expect(error).toMatchObject({ code: 'logout_refused', status, detail: body.detail });
      expect(auth.getState()).toMatchObject({ status: 'unauthenticated', error: { code: 'logout_refused' } });
      expect(await env.storage.getItem('simplejwt-client')).toBeNull();
      expect(env.events.at(-1)).toMatchObject({ type: 'logout-revocation', outcome: 'refused' });
    },
  );

  it('resolves when the server is unreachable, and says so in the event', async () => {
    env = setup();
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    env.mock.control.fail({ endpoint: 'blacklist', network: true });
    await expect(auth.logout()).resolves.toBeUndefined();
    // Logged out locally all the same.
    expect(auth.getState()).toMatchObject({ status: 'unauthenticated', error: null });
    expect(await env.storage.getItem('simplejwt-client')).toBeNull();
    expect(env.events.at(-1)).toMatchObject({ type: 'logout-revocation', outcome: 'unreachable' });
  });

  it('counts a token the server already considers dead as revoked', async () => {
    env = setup();
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    env.mock.control.blacklistUserTokens('alice');
    await expect(auth.logout()).resolves.toBeUndefined();
    expect(env.events.at(-1)).toEqual({ type: 'logout-revocation', outcome: 'revoked' });
  });

  it('reports not-configured when there is no blacklist endpoint', async () => {
    env = setup();
    const auth = env.client({ endpoints: { blacklist: false } });
    await auth.ready;
    await auth.login(alice);
    await auth.logout();
    expect(env.events.at(-1)).toEqual({ type: 'logout-revocation', outcome: 'not-configured' });
    expect(env.mock.control.count('blacklist')).toBe(0);
  });
});
