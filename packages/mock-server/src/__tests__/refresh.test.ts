import { describe, expect, it } from 'vitest';
import { claims, setup } from './helpers.js';

describe('refresh, rotation and blacklist', () => {
  it('refresh without rotation returns only an access token keeping the refresh iat', async () => {
    const { post, login, clock } = setup();
    const pair = await login();
    clock.t += 3000;
    const r = await post('api/token/refresh/', { refresh: pair.refresh });
    const body = JSON.parse(r.text) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['access']);
    const access = claims(body.access!);
    expect(access.iat).toBe(claims(pair.refresh).iat);
    expect((access.exp as number) - (access.iat as number)).toBe(303);
  });

  it('rotation returns a new refresh token and blacklists the old one', async () => {
    const { post, login, mock } = setup({ settings: { ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true } });
    const pair = await login();
    const r = JSON.parse((await post('api/token/refresh/', { refresh: pair.refresh })).text) as Record<string, string>;
    expect(Object.keys(r)).toEqual(['access', 'refresh']);
    expect(claims(r.refresh!).jti).not.toBe(claims(pair.refresh).jti);
    const again = await post('api/token/refresh/', { refresh: pair.refresh });
    expect(again.status).toBe(401);
    expect(again.text).toBe('{"detail":"Token is blacklisted","code":"token_not_valid"}');
    const verify = await post('api/token/verify/', { token: pair.refresh });
    expect(verify.status).toBe(400);
    expect(verify.text).toBe('{"non_field_errors":["Token is blacklisted"]}');
    expect(mock.control.count('refresh')).toBe(2);
  });

  it('blacklist logs out the refresh token but not the access token; verify ignores it without BLACKLIST_AFTER_ROTATION', async () => {
    const { post, get, login } = setup();
    const pair = await login();
    expect((await post('api/token/blacklist/', { refresh: pair.refresh })).text).toBe('{}');
    expect((await post('api/token/blacklist/', { refresh: pair.refresh })).text).toBe(
      '{"detail":"Token is blacklisted","code":"token_not_valid"}',
    );
    expect((await post('api/token/verify/', { token: pair.refresh })).status).toBe(200);
    expect((await get('api/me/', { authorization: `Bearer ${pair.access}` })).status).toBe(200);
  });

  it('rejects wrong types, expired tokens and garbage with SimpleJWT 5.2 messages', async () => {
    const { post, login, clock } = setup({ version: '5.2' });
    const pair = await login();
    expect((await post('api/token/refresh/', { refresh: pair.access })).text).toBe(
      '{"detail":"Token has wrong type","code":"token_not_valid"}',
    );
    expect((await post('api/token/refresh/', { refresh: 'garbage' })).text).toBe(
      '{"detail":"Token is invalid or expired","code":"token_not_valid"}',
    );
    expect((await post('api/token/refresh/', { refresh: '' })).text).toBe(
      '{"refresh":["This field may not be blank."]}',
    );
    clock.t += 86400 * 1000;
    expect((await post('api/token/refresh/', { refresh: pair.refresh })).text).toBe(
      '{"detail":"Token is invalid or expired","code":"token_not_valid"}',
    );
  });

  it('5.2 does not check the user on refresh (a deactivated user still refreshes)', async () => {
    const { post, get, login, mock } = setup({ version: '5.2' });
    const pair = await login('dave', 'dave-password-5');
    mock.control.updateUser('dave', { is_active: false });
    const r = await post('api/token/refresh/', { refresh: pair.refresh });
    expect(r.status).toBe(200);
    const access = (JSON.parse(r.text) as { access: string }).access;
    expect((await get('api/me/', { authorization: `Bearer ${access}` })).text).toBe(
      '{"detail":"User is inactive","code":"user_inactive"}',
    );
  });
});

describe('verify and sliding tokens', () => {
  it('verify accepts every token type and rejects tampered or alg:none tokens', async () => {
    const { post, login } = setup({ version: '5.2' });
    const pair = await login();
    expect((await post('api/token/verify/', { token: pair.access })).text).toBe('{}');
    const [h, p] = pair.access.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims(pair.access), user_id: 3 })).toString('base64url')}.${pair.access.split('.')[2]}`;
    expect((await post('api/token/verify/', { token: tampered })).status).toBe(401);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    expect((await post('api/token/verify/', { token: none })).text).toBe(
      '{"detail":"Token is invalid or expired","code":"token_not_valid"}',
    );
  });

  it('sliding refresh keeps jti and refresh_exp and stops after the refresh window', async () => {
    const { post, clock } = setup({ settings: { SLIDING_TOKEN_LIFETIME: 4, SLIDING_TOKEN_REFRESH_LIFETIME: 6 } });
    const first = (
      JSON.parse((await post('api/token/sliding/', { username: 'alice', password: 'alice-password-1' })).text) as {
        token: string;
      }
    ).token;
    expect(Object.keys(claims(first))).toEqual(['token_type', 'exp', 'iat', 'jti', 'refresh_exp', 'user_id']);
    clock.t += 3000;
    const second = (JSON.parse((await post('api/token/sliding/refresh/', { token: first })).text) as { token: string })
      .token;
    expect(claims(second).jti).toBe(claims(first).jti);
    expect(claims(second).refresh_exp).toBe(claims(first).refresh_exp);
    clock.t += 3500;
    const late = await post('api/token/sliding/refresh/', { token: second });
    expect(late.text).toBe(`{"detail":"Token 'refresh_exp' claim has expired","code":"token_not_valid"}`);
  });
});
