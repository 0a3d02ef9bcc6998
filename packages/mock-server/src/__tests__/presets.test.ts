import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import type { SimpleJwtMockOptions } from '../index.js';
import { setup } from './helpers.js';

/** A tiny browser: keeps cookies from Set-Cookie and sends them back. */
function browserOf(options: SimpleJwtMockOptions) {
  const env = setup(options);
  const jar = new Map<string, string>();
  const send = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await env.mock.fetch(new URL(path, env.mock.baseUrl), { ...init, headers });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split(/=(.*)/s) as [string, string];
      if (/Max-Age=0/.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    return { res, status: res.status, text: await res.text(), cookies: res.headers.getSetCookie() };
  };
  const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  return { ...env, jar, send, postJson };
}

const ALICE = { username: 'alice', password: 'alice-password-1' };

describe('dj-rest-auth preset, cookie mode', () => {
  it('logs in with the user, httpOnly cookies and a session; refreshes from the cookie; logs out', async () => {
    const b = browserOf({ preset: 'dj-rest-auth', version: '5.5' });
    expect(b.mock.url('obtain')).toBe('https://api.example.com/dj-rest-auth/login/');
    const login = await b.postJson('dj-rest-auth/login/', ALICE);
    const body = JSON.parse(login.text);
    expect(Object.keys(body)).toEqual(['access', 'refresh', 'user']);
    expect(body.refresh).toBe('');
    expect(body.user).toEqual({ pk: 1, username: 'alice', email: 'alice@example.com', first_name: '', last_name: '' });
    expect(login.cookies.map((c) => c.replace(/=[^;]*/, '=…').replace(/expires=[^;]*/, 'expires=…'))).toEqual([
      'access=…; expires=…; HttpOnly; Max-Age=300; Path=/; SameSite=Lax',
      'refresh=…; expires=…; HttpOnly; Max-Age=86400; Path=/; SameSite=Lax',
      'csrftoken=…; expires=…; Max-Age=31449600; Path=/; SameSite=Lax',
      'sessionid=…; expires=…; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax',
    ]);
    expect(login.res.headers.get('vary')).toBe('Accept, Cookie, origin');

    expect(JSON.parse((await b.send('dj-rest-auth/user/')).text).username).toBe('alice');
    expect((await b.send('api/me/')).status).toBe(200);

    b.clock.t += 1000;
    const refreshed = await b.postJson('dj-rest-auth/token/refresh/', {});
    expect(Object.keys(JSON.parse(refreshed.text))).toEqual(['access', 'access_expiration']);
    expect(JSON.parse(refreshed.text).access_expiration).toBe('2027-01-15T08:05:01Z');
    expect(refreshed.cookies).toHaveLength(1);

    const oldRefresh = b.jar.get('refresh')!;
    const logout = await b.postJson('dj-rest-auth/logout/', {});
    expect(logout.text).toBe('{"detail":"Successfully logged out."}');
    expect(logout.cookies.map((c) => c.split(';')[0])).toEqual(['access=""', 'refresh=""', 'sessionid=""']);
    expect([...b.jar.keys()]).toEqual(['csrftoken']);
    b.jar.set('refresh', oldRefresh); // a browser that kept the old cookie
    const again = await b.postJson('dj-rest-auth/token/refresh/', {});
    expect(again.text).toBe('{"detail":"Token is blacklisted","code":"token_not_valid"}');
  });

  it("answers a wrong password with dj-rest-auth's 400, and no token with its 401", async () => {
    const b = browserOf({ preset: 'dj-rest-auth' });
    const wrong = await b.postJson('dj-rest-auth/login/', { username: 'alice', password: 'nope' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toBe('{"non_field_errors":["Unable to log in with provided credentials."]}');
    const email = await b.postJson('dj-rest-auth/login/', { email: 'Carol@Example.com', password: 'carol-password-3' });
    expect(JSON.parse(email.text).user.username).toBe('carol');
    expect((await b.postJson('dj-rest-auth/login/', { email: 'nope', password: 'x' })).text).toBe(
      '{"email":["Enter a valid email address."]}',
    );
    b.jar.clear();
    expect((await b.postJson('dj-rest-auth/token/refresh/', {})).text).toBe(
      '{"detail":"No valid refresh token found.","code":"token_not_valid"}',
    );
    expect((await b.postJson('dj-rest-auth/logout/', {})).text).toBe(
      '{"detail":"Refresh token was not included in cookie data."}',
    );
    // SimpleJWT 5.5's "Token is invalid" is not one of the two messages dj-rest-auth passes on.
    const garbage = await b.send('dj-rest-auth/logout/', { method: 'POST', headers: { cookie: 'refresh=garbage' } });
    expect([garbage.status, garbage.text]).toEqual([500, '{"detail":"An error has occurred."}']);
    const old = browserOf({ preset: 'dj-rest-auth', version: '5.2' });
    const garbage52 = await old.send('dj-rest-auth/logout/', {
      method: 'POST',
      headers: { cookie: 'refresh=garbage' },
    });
    expect([garbage52.status, garbage52.text]).toEqual([401, '{"detail":"Token is invalid or expired"}']);
  });

  it('checks CSRF on unsafe cookie-authenticated requests only when useCsrf is on', async () => {
    const b = browserOf({ preset: 'dj-rest-auth', djRestAuth: { useCsrf: true } });
    await b.postJson('dj-rest-auth/login/', ALICE);
    expect((await b.send('dj-rest-auth/user/')).status).toBe(200);
    // Over HTTPS, a request without Origin needs a Referer; a browser sends its page's origin.
    const noOrigin = await b.postJson('dj-rest-auth/logout/', {});
    expect(JSON.parse(noOrigin.text).detail).toBe('CSRF Failed: Referer checking failed - no Referer.');
    const refused = await b.postJson('dj-rest-auth/logout/', {}, { origin: 'https://api.example.com' });
    expect([refused.status, refused.text]).toEqual([403, '{"detail":"CSRF Failed: CSRF token missing."}']);
    expect(refused.cookies).toEqual([]);
    const origin = await b.postJson(
      'dj-rest-auth/logout/',
      {},
      { 'x-csrftoken': b.jar.get('csrftoken')!, origin: 'https://evil.example' },
    );
    expect(JSON.parse(origin.text).detail).toBe(
      'CSRF Failed: Origin checking failed - https://evil.example does not match any trusted origins.',
    );
    const ok = await b.postJson(
      'dj-rest-auth/logout/',
      {},
      { 'x-csrftoken': b.jar.get('csrftoken')!, origin: 'http://localhost:5173' },
    );
    expect(ok.text).toBe('{"detail":"Successfully logged out."}');

    const off = browserOf({ preset: 'dj-rest-auth' });
    await off.postJson('dj-rest-auth/login/', ALICE);
    expect((await off.postJson('dj-rest-auth/logout/', {})).status).toBe(200);
  });

  it('answers tokens in the bodies in body mode, with expirations when asked', async () => {
    const b = browserOf({ preset: 'dj-rest-auth', djRestAuth: { httpOnly: false, returnExpiration: true } });
    const login = JSON.parse((await b.postJson('dj-rest-auth/login/', ALICE)).text);
    expect(Object.keys(login)).toEqual(['access', 'refresh', 'user', 'access_expiration', 'refresh_expiration']);
    expect(login.refresh).toMatch(/^eyJ/);
    expect((await b.postJson('dj-rest-auth/logout/', {})).text).toBe(
      '{"detail":"Refresh token was not included in request data."}',
    );
    expect((await b.postJson('dj-rest-auth/logout/', { refresh: login.refresh })).status).toBe(200);
  });

  it('protects the app\u2019s own handlers with the access cookie', async () => {
    const b = browserOf({ preset: 'dj-rest-auth' });
    const server = setupServer(
      http.get(
        'https://api.example.com/api/orders/',
        b.mock.protect(({ user }) => HttpResponse.json({ user: user.username })),
      ),
    );
    server.listen();
    try {
      await b.postJson('dj-rest-auth/login/', ALICE);
      const cookie = `access=${b.jar.get('access')}`;
      expect(await (await fetch('https://api.example.com/api/orders/', { headers: { cookie } })).json()).toEqual({
        user: 'alice',
      });
      expect((await fetch('https://api.example.com/api/orders/')).status).toBe(401);
    } finally {
      server.close();
    }
  });
});

describe('djoser preset', () => {
  it('serves auth/jwt/create|refresh|verify with or without the slash, and the JWT header type', async () => {
    const { mock, post, get } = setup({ preset: 'djoser' });
    expect(mock.settings.AUTH_HEADER_TYPES).toEqual(['JWT']);
    const pair = JSON.parse((await post('auth/jwt/create', ALICE)).text);
    expect((await post('auth/jwt/refresh/', { refresh: pair.refresh })).status).toBe(200);
    expect((await post('auth/jwt/verify', { token: pair.access })).text).toBe('{}');
    expect((await get('api/me/', { authorization: `JWT ${pair.access}` })).status).toBe(200);
    expect((await get('api/me/', { authorization: `Bearer ${pair.access}` })).status).toBe(401);
    expect((await post('auth/jwt/blacklist/', { refresh: pair.refresh })).status).toBe(404);
    expect(() => mock.url('blacklist')).toThrow(TypeError);
    const withBlacklist = setup({ preset: 'djoser', djoser: { blacklist: true } });
    expect(withBlacklist.mock.url('blacklist')).toBe('https://api.example.com/auth/jwt/blacklist/');
  });
});

describe('preset options', () => {
  it('are checked', () => {
    expect(() => setup({ djRestAuth: { httpOnly: false } })).toThrow(/needs preset: 'dj-rest-auth'/);
    expect(() => setup({ preset: 'djoser', refreshCookie: { name: 'r' } })).toThrow(/needs preset: 'simplejwt'/);
    expect(() => setup({ preset: 'djoser', endpoints: { user: 'me/' } })).toThrow(/no user endpoint/);
    expect(() => setup({ preset: 'dj-rest-auth', djRestAuth: { httpOnlyy: true } as never })).toThrow(/httpOnlyy/);
    expect(() => setup({ preset: 'nope' as never })).toThrow(/Unknown preset/);
  });
});
