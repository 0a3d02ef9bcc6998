import { afterEach, describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../index.js';
import { alice, setup } from './support.js';

let env: ReturnType<typeof setup>;
afterEach(() => env.teardown());

/** A logged-in client whose requests are recorded (URL and Authorization header) before reaching the mock. */
async function loggedIn(extra = {}) {
  env = setup();
  const sent: Array<{ url: string; authorization: string | null; body?: string }> = [];
  const platform = env.world.fork({
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const body = request.body ? await request.clone().text() : undefined;
      sent.push({
        url: request.url,
        authorization: request.headers.get('authorization'),
        ...(body === undefined ? {} : { body }),
      });
      const answer = await env.mock.fetch(request);
      return answer;
    },
  });
  const auth = env.client({ platform, ...extra });
  await auth.ready;
  await auth.login(alice);
  sent.length = 0;
  return { auth, sent };
}

describe('auth.fetch', () => {
  it('attaches the token to relative URLs resolved against baseUrl', async () => {
    const { auth, sent } = await loggedIn();
    const response = await auth.fetch('api/me/');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 1, username: 'alice' });
    expect(sent[0]).toEqual({
      url: 'https://api.example.com/api/me/',
      authorization: expect.stringMatching(/^Bearer ey/),
    });
  });

  it('uses the configured AUTH_HEADER_TYPES scheme', async () => {
    env = setup({ settings: { AUTH_HEADER_TYPES: ['JWT'] } });
    const auth = env.client({ authHeaderType: 'JWT' });
    await auth.ready;
    await auth.login(alice);
    expect((await auth.fetch('api/me/')).status).toBe(200);
  });

  it.each([
    'https://evil.example.net/api/me/',
    'http://api.example.com/api/me/', // same host, other scheme: another origin
    'https://api.example.com.evil.net/',
    '//evil.example.net/x',
  ])('never sends the token to another origin: %s', async (url) => {
    const { auth, sent } = await loggedIn();
    await auth.fetch(url).catch(() => undefined);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.authorization).toBeNull();
  });

  it('sends the token to an explicitly allowed origin', async () => {
    const { auth, sent } = await loggedIn({ allowedOrigins: ['https://files.example.com'] });
    await auth.fetch('https://files.example.com/x').catch(() => undefined);
    expect(sent[0]!.authorization).toMatch(/^Bearer /);
  });

  it('fails closed on a URL it cannot parse: no token attached', async () => {
    const { auth, sent } = await loggedIn();
    await auth.fetch('http://[::1').catch(() => undefined);
    expect(sent.every((s) => s.authorization === null)).toBe(true);
  });

  it('leaves a caller-set Authorization header alone and does not retry it', async () => {
    const { auth, sent } = await loggedIn();
    const response = await auth.fetch('api/me/', { headers: { Authorization: 'Bearer mine' } });
    expect(response.status).toBe(401);
    expect(sent).toEqual([{ url: 'https://api.example.com/api/me/', authorization: 'Bearer mine' }]);
  });

  it('sends requests without a token when logged out and never retries them', async () => {
    const { auth, sent } = await loggedIn();
    await auth.logout();
    sent.length = 0;
    const response = await auth.fetch('api/me/');
    expect(response.status).toBe(401);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.authorization).toBeNull();
  });

  it('retries a 401 exactly once with a refreshed token, replaying the body', async () => {
    const { auth, sent } = await loggedIn();
    env.mock.control.advanceClock(301_000);
    const response = await auth.fetch('api/me/', { method: 'GET' });
    expect(response.status).toBe(200);
    const me = sent.filter((s) => s.url.endsWith('/api/me/'));
    expect(me).toHaveLength(2);
    expect(me[0]!.authorization).not.toBe(me[1]!.authorization);
    expect(env.refreshes()).toBe(1);
  });

  it('replays the request body on the retry', async () => {
    const { auth, sent } = await loggedIn();
    env.mock.control.advanceClock(301_000);
    await auth.fetch('api/me/', { method: 'POST', body: '{"a":1}', headers: { 'Content-Type': 'application/json' } });
    expect(sent.filter((s) => s.url.endsWith('/api/me/')).map((s) => s.body)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it('throws UnauthorizedError when the retried request gets 401 again (no loop)', async () => {
    const { auth, sent } = await loggedIn();
    env.mock.control.advanceClock(301_000);
    // Refresh works but the refreshed token is rejected too: the user was deleted meanwhile.
    env.mock.control.fail({ endpoint: 'me', status: 401, times: 2 });
    const error = await auth.fetch('api/me/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as UnauthorizedError).response?.status).toBe(401);
    expect(sent.filter((s) => s.url.endsWith('/api/me/'))).toHaveLength(2);
    expect(env.refreshes()).toBe(1);
  });

  it.each([
    ['user_inactive', 'User is inactive', () => env.mock.control.updateUser('alice', { is_active: false })],
    [
      'user_not_found',
      'User not found',
      () =>
        env.mock.control.fail({
          endpoint: 'me',
          status: 401,
          body: JSON.stringify({ detail: 'User not found', code: 'user_not_found' }),
        }),
    ],
    [
      'password_changed',
      "The user's password has been changed.",
      () =>
        env.mock.control.fail({
          endpoint: 'me',
          status: 401,
          body: JSON.stringify({ detail: "The user's password has been changed.", code: 'password_changed' }),
        }),
    ],
  ])(
    'ends the session at once for a 401 a new token cannot cure (%s), with no refresh',
    async (reason, detail, reject) => {
      const { auth } = await loggedIn();
      reject();
      const error = await auth.fetch('api/me/').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'session_expired', reason, status: 401, detail });
      expect(auth.getState()).toMatchObject({ status: 'unauthenticated', error: { reason } });
      expect(env.events.filter((e) => e.type === 'session-expired')).toHaveLength(1);
      expect(await env.storage.getItem('simplejwt-client')).toBeNull();
      await env.world.advance(3_600_000);
      expect(env.refreshes()).toBe(0);
    },
  );

  it('reports a header the server ignored as a configuration error, once, without refreshing', async () => {
    env = setup({ settings: { AUTH_HEADER_TYPES: ['JWT'] } });
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    for (let i = 0; i < 10; i++) {
      await expect(auth.fetch('api/me/')).rejects.toMatchObject({
        name: 'ConfigurationError',
        code: 'auth_header_type_mismatch',
        message: expect.stringContaining("authHeaderType: 'JWT'"),
      });
    }
    expect(env.refreshes()).toBe(0);
    expect(env.events.filter((e) => e.type === 'configuration-error')).toHaveLength(1);
    expect(auth.getState().status).toBe('authenticated');
  });

  it('does not retry a request whose body is a stream', async () => {
    const { auth, sent } = await loggedIn();
    env.mock.control.advanceClock(301_000);
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{}'));
        controller.close();
      },
    });
    const response = await auth.fetch('api/me/', { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(401);
    expect(sent.filter((s) => s.url.endsWith('/api/me/'))).toHaveLength(1);
  });

  it('an aborted caller detaches from the shared refresh; the others still get their answer', async () => {
    const { auth } = await loggedIn();
    env.world.setNow(env.world.now() + 301_000);
    const controller = new AbortController();
    const aborted = auth.fetch('api/me/', { signal: controller.signal });
    const other = auth.fetch('api/me/');
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect((await other).status).toBe(200);
    expect(env.refreshes()).toBe(1);
    expect(auth.getState().status).toBe('authenticated');
  });
});
