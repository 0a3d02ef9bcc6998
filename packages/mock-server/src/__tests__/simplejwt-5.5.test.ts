import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getRawHeaders } from '../wire.js';
import { claims, setup } from './helpers.js';

const KEY = 'simplejwt-mock-insecure-development-signing-key';
function craft(header: object, payload: object): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${createHmac('sha256', KEY).update(input).digest('base64url')}`;
}
const HS256 = { alg: 'HS256', typ: 'JWT' };
const valid = { token_type: 'access', exp: 4102444800, iat: 1600000000, jti: 'c0ffee', user_id: 1 };

describe('SimpleJWT 5.5 messages', () => {
  it('tells expired tokens from invalid ones, on token endpoints and in messages[]', async () => {
    const { post, get, clock } = setup({ version: '5.5' });
    const expired = craft(HS256, { ...valid, token_type: 'refresh', exp: 1600086400 });
    expect((await post('api/token/refresh/', { refresh: expired })).text).toBe(
      '{"detail":"Token is expired","code":"token_not_valid"}',
    );
    expect((await post('api/token/verify/', { token: 'garbage' })).text).toBe(
      '{"detail":"Token is invalid","code":"token_not_valid"}',
    );
    const login = JSON.parse((await post('api/token/', { username: 'alice', password: 'alice-password-1' })).text);
    clock.t += 301_000;
    expect(JSON.parse((await get('api/me/', { authorization: `Bearer ${login.access}` })).text).messages).toEqual([
      { token_class: 'AccessToken', token_type: 'access', message: 'Token is expired' },
    ]);
  });

  it('keeps 5.2.2 single message when asked for version 5.2', async () => {
    const { post } = setup({ version: '5.2' });
    expect((await post('api/token/verify/', { token: 'garbage' })).text).toBe(
      '{"detail":"Token is invalid or expired","code":"token_not_valid"}',
    );
  });

  it("runs PyJWT 2.10's claim checks: jti and sub must be strings, kid a string, crit only b64", async () => {
    const { get } = setup({ version: '5.5' });
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    const message = async (t: string) => JSON.parse((await get('api/me/', bearer(t))).text).messages?.[0]?.message;
    expect(await message(craft(HS256, { ...valid, jti: 7 }))).toBe('Token is invalid');
    expect(await message(craft(HS256, { ...valid, sub: 7 }))).toBe('Token is invalid');
    expect(await message(craft({ ...HS256, kid: 1 }, valid))).toBe('Token is invalid');
    expect(await message(craft({ ...HS256, crit: ['exp'] }, valid))).toBe('Token is invalid');
    // int(iat) is compared, so a numeric string iat passes (PyJWT 2.6 raised TypeError: a 500).
    expect((await get('api/me/', bearer(craft(HS256, { ...valid, iat: '1600000000' })))).status).toBe(200);
    const old = setup({ version: '5.2' });
    expect((await old.get('api/me/', bearer(craft(HS256, { ...valid, iat: '1600000000' })))).status).toBe(500);
    expect((await old.get('api/me/', bearer(craft(HS256, { ...valid, jti: 7 })))).status).toBe(200);
  });
});

describe('SimpleJWT 5.5 refresh checks the user', () => {
  it('refuses a user deactivated after login with 401 and no code', async () => {
    const { post, login, mock } = setup({ version: '5.5' });
    const pair = await login('dave', 'dave-password-5');
    mock.control.updateUser('dave', { is_active: false });
    const r = await post('api/token/refresh/', { refresh: pair.refresh });
    expect(r.status).toBe(401);
    expect(r.text).toBe('{"detail":"No active account found for the given token."}');
    expect(r.res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
  });

  it('answers Django\u2019s 500 page for a deleted user, and user_not_found on protected endpoints', async () => {
    const { post, get, login, mock } = setup({ version: '5.5' });
    const pair = await login('dave', 'dave-password-5');
    mock.control.deleteUser('dave');
    const r = await post('api/token/refresh/', { refresh: pair.refresh });
    expect(r.status).toBe(500);
    expect(r.res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.text).toContain('<title>Server Error (500)</title>');
    expect((await get('api/me/', { authorization: `Bearer ${pair.access}` })).text).toBe(
      '{"detail":"User not found","code":"user_not_found"}',
    );
    expect(mock.control.getUser('dave')).toBeUndefined();
  });

  it('lets inactive users refresh and call APIs with CHECK_USER_IS_ACTIVE off; login still refuses them', async () => {
    const { post, get, login, mock } = setup({ version: '5.5', settings: { CHECK_USER_IS_ACTIVE: false } });
    const pair = await login('dave', 'dave-password-5');
    mock.control.updateUser('dave', { is_active: false });
    expect((await post('api/token/refresh/', { refresh: pair.refresh })).status).toBe(200);
    expect((await get('api/me/', { authorization: `Bearer ${pair.access}` })).status).toBe(200);
    expect((await post('api/token/', { username: 'dave', password: 'dave-password-5' })).status).toBe(401);
  });

  it('still refreshes an inactive user\u2019s token on 5.2 (no check)', async () => {
    const { post, login, mock } = setup({ version: '5.2' });
    const pair = await login('dave', 'dave-password-5');
    mock.control.updateUser('dave', { is_active: false });
    expect((await post('api/token/refresh/', { refresh: pair.refresh })).status).toBe(200);
  });
});

describe('CHECK_REVOKE_TOKEN', () => {
  it('puts the password-hash claim in every token, after the user id, and copies it on refresh', async () => {
    const { post, login } = setup({ version: '5.5', settings: { CHECK_REVOKE_TOKEN: true } });
    const pair = await login();
    const c = claims(pair.access);
    expect(Object.keys(c)).toEqual(['token_type', 'exp', 'iat', 'jti', 'user_id', 'hash_password']);
    expect(c.hash_password).toMatch(/^[0-9A-F]{32}$/);
    expect(claims(pair.refresh).hash_password).toBe(c.hash_password);
    const refreshed = JSON.parse((await post('api/token/refresh/', { refresh: pair.refresh })).text);
    expect(claims(refreshed.access).hash_password).toBe(c.hash_password);
    const custom = JSON.parse(
      (await post('api/token/custom/', { username: 'carol', password: 'carol-password-3' })).text,
    );
    expect(Object.keys(claims(custom.access)).slice(4)).toEqual(['user_id', 'hash_password', 'username', 'is_staff']);
  });

  it('answers password_changed after set_password (even to the same password) and for tokens without the claim', async () => {
    const { post, get, login, mock } = setup({
      version: '5.5',
      settings: { CHECK_REVOKE_TOKEN: true, REVOKE_TOKEN_CLAIM: 'pwd' },
    });
    const before = await login();
    expect(claims(before.access).pwd).toMatch(/^[0-9A-F]{32}$/);
    mock.control.updateUser('alice', { password: 'alice-password-1' });
    const changed = await get('api/me/', { authorization: `Bearer ${before.access}` });
    expect(changed.status).toBe(401);
    expect(changed.text).toBe('{"detail":"The user\'s password has been changed.","code":"password_changed"}');
    // The old refresh token still refreshes; its access token carries the old value.
    const refreshed = JSON.parse((await post('api/token/refresh/', { refresh: before.refresh })).text);
    expect((await get('api/me/', { authorization: `Bearer ${refreshed.access}` })).status).toBe(401);
    const after = await login();
    expect(claims(after.access).pwd).not.toBe(claims(before.access).pwd);
    expect((await get('api/me/', { authorization: `Bearer ${after.access}` })).status).toBe(200);
    const noClaim = craft(HS256, valid);
    expect(JSON.parse((await get('api/me/', { authorization: `Bearer ${noClaim}` })).text).code).toBe(
      'password_changed',
    );
  });

  it('derives the claim from a given password hash as SimpleJWT does (MD5, upper case)', async () => {
    const hash = 'pbkdf2_sha256$600000$salt$abc=';
    const { login } = setup({
      version: '5.5',
      settings: { CHECK_REVOKE_TOKEN: true },
      users: [{ id: 1, username: 'alice', password: 'alice-password-1', password_hash: hash }],
    });
    const md5 = createHash('md5').update(hash).digest('hex').toUpperCase();
    expect(claims((await login()).access).hash_password).toBe(md5);
  });
});

describe('Django 4.2 and django-cors-headers 4.7 on the wire', () => {
  it('adds Cross-Origin-Opener-Policy everywhere but preflights, with lowercase CORS headers', async () => {
    const { mock } = setup({ version: '5.5' });
    const login = await mock.handle(
      new Request('https://api.example.com/api/token/', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
        body: '{"username":"alice","password":"alice-password-1"}',
      }),
    );
    expect(getRawHeaders(login!)!.map(([k]) => k)).toEqual([
      'Content-Type',
      'Vary',
      'Allow',
      'X-Frame-Options',
      'Content-Length',
      'X-Content-Type-Options',
      'Referrer-Policy',
      'Cross-Origin-Opener-Policy',
      'access-control-allow-origin',
      'access-control-allow-credentials',
    ]);
    expect(login!.headers.get('vary')).toBe('Accept, origin');
    const preflight = await mock.handle(
      new Request('https://api.example.com/api/token/', {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
      }),
    );
    expect(getRawHeaders(preflight!)).toEqual([
      ['content-length', '0'],
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Vary', 'origin'],
      ['access-control-allow-origin', 'http://localhost:5173'],
      ['access-control-allow-credentials', 'true'],
      [
        'access-control-allow-headers',
        'accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with',
      ],
      ['access-control-allow-methods', 'DELETE, GET, OPTIONS, PATCH, POST, PUT'],
      ['access-control-max-age', '86400'],
    ]);
    const evil = await mock.handle(
      new Request('https://api.example.com/api/me/', { headers: { origin: 'http://evil.example' } }),
    );
    expect(getRawHeaders(evil!)!.some(([k]) => k.startsWith('access-control'))).toBe(false);
  });

  it("sends runserver's 301 without Content-Length, charset on error pages, and no Content-Length on HEAD", async () => {
    const { mock, post } = setup({ version: '5.5' });
    const redirect = await mock.handle(new Request('https://api.example.com/api/token', { method: 'POST' }));
    expect(getRawHeaders(redirect!)).toEqual([
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Location', '/api/token/'],
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'same-origin'],
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Vary', 'origin'],
      ['Connection', 'close'],
    ]);
    expect((await post('api/nope/', {})).res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const head = await mock.handle(new Request('https://api.example.com/api/public/', { method: 'HEAD' }));
    expect(head!.headers.get('content-length')).toBeNull();
  });

  it('sets a 32-character CSRF cookie with the browsable API, and replaces a malformed one', async () => {
    const { post, get } = setup({ version: '5.5' });
    const page = await post('api/token/', {}, { accept: 'text/html' });
    expect(page.res.headers.get('set-cookie')).toMatch(/^csrftoken=[A-Za-z0-9]{32}; expires=/);
    expect(page.res.headers.get('vary')).toBe('Accept, Cookie, origin');
    const reset = await get('api/public/', { cookie: 'csrftoken=bad!' });
    expect(reset.res.headers.get('set-cookie')).toMatch(/^csrftoken=[A-Za-z0-9]{32};/);
    const old = setup({ version: '5.2' });
    expect((await old.post('api/token/', {}, { accept: 'text/html' })).res.headers.get('set-cookie')).toMatch(
      /^csrftoken=[A-Za-z0-9]{64}; /,
    );
    expect((await old.get('api/public/', { cookie: 'csrftoken=bad!' })).res.headers.get('set-cookie')).toBeNull();
  });
});
