import { afterEach, describe, expect, it } from 'vitest';
import { alice, baseUrl, setup, twoTabsLoggedIn } from './support.js';

let env: ReturnType<typeof setup>;
afterEach(() => env.teardown());

const rotating = { ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true };

describe('logout and tab sync', () => {
  it('blacklists the refresh token, clears storage and ends the session in every instance', async () => {
    env = setup({ settings: rotating });
    const { tabA, tabB } = await twoTabsLoggedIn(env);
    expect(tabB.getState().status).toBe('authenticated');
    const refresh = JSON.parse((await env.storage.getItem('simplejwt-client'))!).refresh as string;
    await tabA.logout();
    await env.world.flush();
    expect(env.mock.control.count('blacklist')).toBe(1);
    expect(tabA.getState().status).toBe('unauthenticated');
    expect(tabB.getState().status).toBe('unauthenticated');
    expect(await env.storage.getItem('simplejwt-client')).toBeNull();
    expect(env.events).toContainEqual({ type: 'logout', source: 'other-tab' });
    // The server no longer accepts the refresh token.
    const reuse = await env.mock.fetch(`${baseUrl}api/token/refresh/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh }),
    });
    expect(reuse.status).toBe(401);
  });

  it('picks up a login made in another instance', async () => {
    env = setup();
    const { tabB } = await twoTabsLoggedIn(env);
    expect(tabB.getState()).toMatchObject({ status: 'authenticated', claims: { user_id: 1 } });
    expect(env.events).toContainEqual({ type: 'tab-sync', change: 'login' });
    expect((await tabB.fetch('api/me/')).status).toBe(200);
  });

  it('waits for a refresh in flight and revokes its result: no refresh token outlives logout', async () => {
    env = setup({ settings: rotating });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const issued: string[] = [];
    const platform = env.world.fork({
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        const response = await env.mock.fetch(input, init);
        const body = await response.clone().text();
        const refresh = /"refresh":"([^"]+)"/.exec(body)?.[1];
        if (refresh) issued.push(refresh);
        // The server has rotated the tokens; the answer is still on its way when the user logs out.
        if (url.endsWith('/api/token/refresh/')) await gate;
        return response;
      },
    });
    const auth = env.client({ platform });
    await auth.ready;
    await auth.login(alice);
    const refreshing = auth.refresh().catch((e: unknown) => e);
    await env.world.flush();
    const loggingOut = auth.logout();
    await env.world.flush();
    // Logged out here at once; the revocation waits for the refresh in flight.
    expect(auth.getState()).toMatchObject({ status: 'unauthenticated', error: null });
    release();
    await loggingOut;
    expect(await refreshing).toMatchObject({ code: 'not_logged_in' });
    expect(await env.storage.getItem('simplejwt-client')).toBeNull();
    expect(issued).toHaveLength(2);
    for (const refresh of issued) {
      const answer = await env.mock.fetch(env.mock.url('refresh'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh }),
      });
      expect(answer.status).toBe(401);
    }
  });

  it('a login in another instance waits for a refresh in flight, then replaces and revokes that session', async () => {
    env = setup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = env.world.fork({
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.endsWith('/api/token/refresh/')) await gate;
        return env.mock.fetch(input, init);
      },
    });
    const tabA = env.client({ platform: slow });
    const tabB = env.client({}, env.world.fork());
    await Promise.all([tabA.ready, tabB.ready]);
    await tabA.login(alice);
    const refreshing = tabA.refresh().catch((e: unknown) => e);
    await env.world.flush();
    // Another user logs in in the other tab while tab A's refresh is out.
    const login = tabB.login({ username: 'carol', password: 'carol-password-3' });
    await env.world.flush();
    release();
    await Promise.all([refreshing, login]);
    await env.world.flush();
    expect(tabA.getState().claims).toMatchObject({ user_id: 3 });
    const blacklisted = env.mock.control.requests.filter((r) => r.endpoint === 'blacklist' && r.status === 200);
    expect(blacklisted).toHaveLength(1);
    expect(JSON.parse((await env.storage.getItem('simplejwt-client'))!).access).toBe(await tabB.getAccessToken());
  });
});
