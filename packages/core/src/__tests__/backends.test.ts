import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, djoser, djRestAuth, InvalidCredentialsError, simpleJwt, ValidationError } from '../index.js';
import { alice, setup, type World } from './support.js';

let env: World;
afterEach(() => {
  env.teardown();
  delete (globalThis as { document?: unknown }).document;
});

/** Requests as the server saw them, after mapping a backend's paths onto the fake SimpleJWT's. */
function backendServer(world: World, prefix: string, shape: (path: string, body: Record<string, unknown>) => unknown) {
  const seen: Array<{ path: string; headers: Headers; body: string }> = [];
  const fork = world.world.fork({
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      const body = await request.clone().text();
      seen.push({ path, headers: request.headers, body });
      const map: Record<string, string> = {
        [`/${prefix}login/`]: '/api/token/',
        [`/${prefix}jwt/create/`]: '/api/token/',
        [`/${prefix}token/refresh/`]: '/api/token/refresh/',
        [`/${prefix}jwt/refresh/`]: '/api/token/refresh/',
        [`/${prefix}logout/`]: '/api/token/blacklist/',
      };
      const target = map[path] ?? path;
      const answer = await world.fake!.fetch(
        new Request(new URL(target, request.url), {
          method: request.method,
          headers: request.headers,
          body: body || undefined,
        }),
      );
      const json = answer.headers.get('content-type')?.includes('json') ? await answer.clone().json() : null;
      const shaped = answer.ok && json ? shape(path, json) : json;
      return shaped === json
        ? answer
        : new Response(JSON.stringify(shaped), { status: answer.status, headers: answer.headers });
    },
  });
  return { fork, seen };
}

describe('backend presets', () => {
  it('simpleJwt() is the default: SimpleJWT’s own paths', async () => {
    env = setup({ fake: {} });
    const auth = env.client({ backend: simpleJwt() });
    await auth.ready;
    await expect(auth.login(alice)).resolves.toEqual({});
    expect(env.fake!.count('obtain')).toBe(1);
  });

  it('djRestAuth(): its paths, the user in the login answer, logout through its logout view', async () => {
    env = setup({ fake: {} });
    const { fork, seen } = backendServer(env, 'dj-rest-auth/', (path, body) =>
      path.endsWith('/login/') ? { ...body, user: { pk: 1, username: 'alice' } } : body,
    );
    const auth = env.client({ backend: djRestAuth() }, fork);
    await auth.ready;
    const extras = await auth.login<{ user: { pk: number; username: string } }>(alice);
    expect(extras).toEqual({ user: { pk: 1, username: 'alice' } });
    await auth.refresh();
    await auth.logout();
    expect(seen.map((r) => r.path)).toEqual([
      '/dj-rest-auth/login/',
      '/dj-rest-auth/token/refresh/',
      '/dj-rest-auth/logout/',
    ]);
    expect(env.events.at(-1)).toEqual({ type: 'logout-revocation', outcome: 'revoked' });
  });

  it('djRestAuth(): its wrong-password 400 is an InvalidCredentialsError; a missing field stays a ValidationError', async () => {
    env = setup({ fake: {} });
    const answers = [
      { non_field_errors: ['Unable to log in with provided credentials.'] },
      { non_field_errors: ['Must include "username" and "password".'] },
    ];
    const fork = env.world.fork({
      fetch: async () =>
        new Response(JSON.stringify(answers.shift()), { status: 400, headers: { 'content-type': 'application/json' } }),
    });
    const auth = env.client({ backend: djRestAuth() }, fork);
    await auth.ready;
    const wrong = await auth.login({ username: 'alice', password: 'nope' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect(wrong).toMatchObject({ code: 'no_active_account', detail: 'Unable to log in with provided credentials.' });
    await expect(auth.login({ username: 'alice', password: '' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('djRestAuth(): a 401 at login (an earlier session’s access cookie refused before the view) is an ApiError with the server’s code, not InvalidCredentialsError', async () => {
    env = setup({ fake: {} });
    const fork = env.world.fork({
      fetch: async () =>
        new Response(JSON.stringify({ detail: 'User is inactive', code: 'user_inactive' }), {
          status: 401,
          headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="api"' },
        }),
    });
    const auth = env.client({ backend: djRestAuth({ httpOnly: true }) }, fork);
    await auth.ready;
    const refused = await auth.login(alice).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).not.toBeInstanceOf(InvalidCredentialsError);
    expect(refused).toMatchObject({ code: 'user_inactive', status: 401, detail: 'User is inactive' });
    expect(auth.getState()).toMatchObject({ status: 'unauthenticated', error: { code: 'user_inactive' } });
  });

  it('djRestAuth({ csrf: true }): token calls carry X-CSRFToken from the csrftoken cookie', async () => {
    env = setup({ fake: {} });
    (globalThis as { document?: unknown }).document = { cookie: 'other=1; csrftoken=abc%20123' };
    const { fork, seen } = backendServer(env, 'dj-rest-auth/', (_path, body) => body);
    const auth = env.client({ backend: djRestAuth({ csrf: true }) }, fork);
    await auth.ready;
    await auth.login(alice);
    await auth.refresh();
    expect(seen.map((r) => r.headers.get('x-csrftoken'))).toEqual(['abc 123', 'abc 123']);
  });

  it('djRestAuth({ httpOnly: true }): every token call sends credentials, and none carries a token in the body', async () => {
    env = setup({ fake: {} });
    const sent: Array<{ path: string; credentials: RequestCredentials; body: string }> = [];
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    // The server keeps the refresh token in its cookie: the page only ever sees access tokens.
    const issue = async () =>
      (await (
        await env.fake!.fetch('https://api.example.com/api/token/', { method: 'POST', body: JSON.stringify(alice) })
      ).json()) as { access: string };
    let loggedIn = false;
    const fork = env.world.fork({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const path = new URL(request.url).pathname;
        sent.push({ path, credentials: request.credentials, body: await request.text() });
        if (path.endsWith('/login/')) {
          loggedIn = true;
          return json({ access: (await issue()).access, refresh: '', user: { pk: 1 } });
        }
        if (path.endsWith('/logout/')) return json({ detail: 'Successfully logged out.' });
        return loggedIn
          ? json({ access: (await issue()).access })
          : json({ detail: 'No valid refresh token found.', code: 'token_not_valid' }, 401);
      },
    });
    const auth = env.client({ backend: djRestAuth({ httpOnly: true }) }, fork);
    await auth.ready;
    expect(auth.getState().status).toBe('unauthenticated');
    await auth.login(alice);
    await auth.refresh();
    await auth.logout();
    expect(sent.map((r) => r.path)).toEqual([
      '/dj-rest-auth/token/refresh/', // the start-up probe: is there a cookie session?
      '/dj-rest-auth/login/',
      '/dj-rest-auth/token/refresh/',
      '/dj-rest-auth/logout/',
    ]);
    expect(sent.every((r) => r.credentials === 'include')).toBe(true);
    expect(sent.slice(2).map((r) => r.body)).toEqual(['{}', '{}']);
    expect(env.events.at(-1)).toEqual({ type: 'logout-revocation', outcome: 'revoked' });
  });

  it('djoser(): its paths and the JWT header type; logout cannot revoke without a blacklist endpoint', async () => {
    env = setup({ fake: { authHeaderTypes: ['JWT'] } });
    const { fork, seen } = backendServer(env, 'auth/', (_path, body) => body);
    const auth = env.client({ backend: djoser() }, fork);
    await auth.ready;
    await auth.login(alice);
    expect((await auth.fetch('api/me/')).status).toBe(200);
    expect(seen.at(-1)?.headers.get('authorization')).toMatch(/^JWT /);
    await auth.logout();
    expect(seen.map((r) => r.path)).toEqual(['/auth/jwt/create/', '/api/me/']);
    expect(env.events.at(-1)).toEqual({ type: 'logout-revocation', outcome: 'not-configured' });
  });

  it('a custom backend adds headers to every token-endpoint call', async () => {
    env = setup({ fake: {} });
    const { fork, seen } = backendServer(env, 'api/', (_path, body) => body);
    const auth = env.client({ backend: { ...simpleJwt(), headers: () => ({ 'X-Api-Key': 'k1' }) } }, fork);
    await auth.ready;
    await auth.login(alice);
    await auth.refresh();
    await auth.fetch('api/me/');
    expect(seen.map((r) => [r.path, r.headers.get('x-api-key')])).toEqual([
      ['/api/token/', 'k1'],
      ['/api/token/refresh/', 'k1'],
      ['/api/me/', null],
    ]);
  });
});
