import { describe, expect, it } from 'vitest';
import { setup } from './helpers.js';

const NOT_PROVIDED = '{"detail":"Authentication credentials were not provided."}';

describe('Authorization header parsing', () => {
  it('treats missing, empty, foreign and wrong-case schemes as no credentials', async () => {
    const { get, login } = setup();
    const { access } = await login();
    for (const value of [undefined, '', `Token ${access}`, `bearer ${access}`, `JWT ${access}`]) {
      const r = await get('api/me/', value === undefined ? {} : { authorization: value });
      expect(r.status).toBe(401);
      expect(r.text).toBe(NOT_PROVIDED);
      expect(r.res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    }
  });

  it('rejects a lone scheme or three parts, accepts extra whitespace', async () => {
    const { get, login } = setup();
    const { access } = await login();
    const bad =
      '{"detail":"Authorization header must contain two space-delimited values","code":"bad_authorization_header"}';
    expect((await get('api/me/', { authorization: 'Bearer' })).text).toBe(bad);
    expect((await get('api/me/', { authorization: 'Bearer a b' })).text).toBe(bad);
    expect((await get('api/me/', { authorization: `Bearer   ${access}` })).status).toBe(200);
  });

  it('wraps token errors in messages on protected endpoints, including AllowAny ones', async () => {
    const { get, login } = setup();
    const { refresh } = await login();
    expect((await get('api/me/', { authorization: `Bearer ${refresh}` })).text).toBe(
      '{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token has wrong type"}]}',
    );
    expect((await get('api/public/', { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await get('api/public/')).text).toBe('{"public":true,"authenticated":false}');
  });

  it('honours AUTH_HEADER_TYPES and USER_ID_CLAIM', async () => {
    const { get, login } = setup({ settings: { AUTH_HEADER_TYPES: ['Bearer', 'JWT'], USER_ID_CLAIM: 'uid' } });
    const { access } = await login();
    expect(JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString())).toHaveProperty('uid', 1);
    expect((await get('api/me/', { authorization: `JWT ${access}` })).status).toBe(200);
    expect((await get('api/me/')).res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
  });

  it('answers Django 500 for an unconvertible user id, 401 user_not_found for an unknown one', async () => {
    const { mock, get } = setup();
    const { signJwt } = await import('../jwt.js');
    const payload = (uid: unknown) =>
      new Map<string, unknown>([
        ['token_type', 'access'],
        ['exp', 4102444800n],
        ['iat', 1600000000n],
        ['jti', 'c0ffee'],
        ['user_id', uid],
      ]);
    const crash = await signJwt(payload('abc') as never, mock.settings.SIGNING_KEY, 'HS256');
    const missing = await signJwt(payload(99n) as never, mock.settings.SIGNING_KEY, 'HS256');
    const r = await get('api/me/', { authorization: `Bearer ${crash}` });
    expect(r.status).toBe(500);
    expect(r.text).toContain('<title>Server Error (500)</title>');
    expect((await get('api/me/', { authorization: `Bearer ${missing}` })).text).toBe(
      '{"detail":"User not found","code":"user_not_found"}',
    );
  });
});
