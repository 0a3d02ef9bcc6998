import { describe, expect, it } from 'vitest';
import { setup } from './helpers.js';

describe('httpOnly refresh-cookie mode', () => {
  it('moves the refresh token into a cookie, reads it back, and clears it on logout', async () => {
    const { post, clock } = setup({ refreshCookie: { name: 'refresh_token', secure: true } });
    const login = await post('api/token/', { username: 'alice', password: 'alice-password-1' });
    expect(Object.keys(JSON.parse(login.text) as object)).toEqual(['access']);
    const cookie = login.res.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^refresh_token=[\w-]+\.[\w-]+\.[\w-]+; expires=.+; HttpOnly; Max-Age=86400; Path=\/; SameSite=Lax; Secure$/,
    );
    const token = /^refresh_token=([^;]+)/.exec(cookie)![1]!;
    clock.t += 1000;
    const refreshed = await post('api/token/refresh/', {}, { cookie: `refresh_token=${token}` });
    expect(refreshed.status).toBe(200);
    const logout = await post('api/token/blacklist/', undefined, { cookie: `refresh_token=${token}` });
    expect(logout.status).toBe(200);
    expect(logout.res.headers.get('set-cookie')).toContain(
      'refresh_token=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Max-Age=0',
    );
    const after = await post('api/token/refresh/', {}, { cookie: `refresh_token=${token}` });
    expect(after.text).toBe('{"detail":"Token is blacklisted","code":"token_not_valid"}');
  });

  it('still requires the field when there is neither body field nor cookie', async () => {
    const { post } = setup({ refreshCookie: { name: 'refresh_token' } });
    expect((await post('api/token/refresh/', {})).text).toBe('{"refresh":["This field is required."]}');
  });
});
