import { describe, expect, it } from 'vitest';
import { createSimpleJwtMock } from '../mock.js';
import { MockConfigError } from '../config-error.js';

const failure = (fn: () => unknown): MockConfigError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof MockConfigError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

describe('settings', () => {
  it('refuses an unknown setting, naming it', () => {
    const e = failure(() => createSimpleJwtMock({ settings: { ACCESS_TOKEN_LIFETIM: 60 } as never }));
    expect(e).toMatchObject({ code: 'unknown_setting', setting: 'ACCESS_TOKEN_LIFETIM' });
    expect(e.message).toContain('ACCESS_TOKEN_LIFETIM');
    expect(e).toBeInstanceOf(TypeError);
    expect(failure(() => createSimpleJwtMock({ settings: { SECRET_KEY: 'x' } as never })).message).toContain('removed');
  });

  it('refuses SimpleJWT 5.3 settings under version 5.2', () => {
    for (const setting of ['CHECK_REVOKE_TOKEN', 'CHECK_USER_IS_ACTIVE', 'REVOKE_TOKEN_CLAIM']) {
      const value = setting === 'REVOKE_TOKEN_CLAIM' ? 'pw' : true;
      const e = failure(() => createSimpleJwtMock({ version: '5.2', settings: { [setting]: value } }));
      expect(e).toMatchObject({ code: 'setting_not_in_version', setting });
    }
    const mock = createSimpleJwtMock({ version: '5.5', settings: { CHECK_REVOKE_TOKEN: true } });
    expect(mock.settings).toMatchObject({
      CHECK_REVOKE_TOKEN: true,
      REVOKE_TOKEN_CLAIM: 'hash_password',
      CHECK_USER_IS_ACTIVE: true,
    });
    expect('CHECK_USER_IS_ACTIVE' in createSimpleJwtMock({ version: '5.2' }).settings).toBe(false);
  });

  it('accepts unmodelled settings at their defaults only', () => {
    expect(() =>
      createSimpleJwtMock({
        settings: { AUDIENCE: null, VERIFYING_KEY: '', TOKEN_USER_CLASS: 'rest_framework_simplejwt.models.TokenUser' },
      }),
    ).not.toThrow();
    expect(failure(() => createSimpleJwtMock({ settings: { AUDIENCE: 'api' } }))).toMatchObject({
      code: 'unsupported_setting',
      setting: 'AUDIENCE',
    });
    expect(failure(() => createSimpleJwtMock({ settings: { ALGORITHM: 'RS256' as never } }))).toMatchObject({
      code: 'unsupported_setting',
      setting: 'ALGORITHM',
    });
  });

  it('refuses values of the wrong type, and converts lifetimes', () => {
    expect(failure(() => createSimpleJwtMock({ settings: { ROTATE_REFRESH_TOKENS: 'yes' as never } }))).toMatchObject({
      code: 'invalid_setting',
      setting: 'ROTATE_REFRESH_TOKENS',
    });
    expect(failure(() => createSimpleJwtMock({ settings: { AUTH_HEADER_TYPES: [] } }))).toMatchObject({
      code: 'invalid_setting',
    });
    expect(failure(() => createSimpleJwtMock({ settings: { AUTH_TOKEN_CLASSES: ['my.Token'] } }))).toMatchObject({
      code: 'invalid_setting',
      setting: 'AUTH_TOKEN_CLASSES',
    });
    expect(failure(() => createSimpleJwtMock({ settings: { LEEWAY: { weeks: 1 } as never } }))).toMatchObject({
      code: 'invalid_setting',
      setting: 'LEEWAY',
    });
    const mock = createSimpleJwtMock({ settings: { ACCESS_TOKEN_LIFETIME: { minutes: 2 }, AUTH_HEADER_TYPES: 'JWT' } });
    expect(mock.settings.ACCESS_TOKEN_LIFETIME).toBe(120);
    expect(mock.settings.AUTH_HEADER_TYPES).toEqual(['JWT']);
  });

  it('refuses an unknown version', () => {
    expect(failure(() => createSimpleJwtMock({ version: '5.4' as never }))).toMatchObject({ code: 'unknown_version' });
  });
});
