import { afterEach, describe, expect, it } from 'vitest';
import { InvalidCredentialsError, NetworkError, ValidationError, isSimpleJwtClientError } from '../index.js';
import { alice, setup } from './support.js';

let env: ReturnType<typeof setup>;
afterEach(() => env.teardown());

describe('login', () => {
  it('stores the pair, decodes claims once and becomes authenticated', async () => {
    env = setup();
    const auth = env.client<{ user_id: number }>();
    await auth.ready;
    expect(auth.getState().status).toBe('unauthenticated');
    await auth.login(alice);
    const state = auth.getState();
    expect(state.status).toBe('authenticated');
    expect(state.claims?.user_id).toBe(1);
    expect(state.claims?.token_type).toBe('access');
    // Within the 1 s resolution of iat, expiry in device time is login time + ACCESS_TOKEN_LIFETIME.
    expect(Math.abs(state.expiresAt! - (env.world.now() + 300_000))).toBeLessThanOrEqual(1000);
    const stored = JSON.parse((await env.storage.getItem('simplejwt-client'))!);
    expect(stored).toMatchObject({ v: 2, access: expect.any(String), refresh: expect.any(String), life: 300_000 });
    expect(env.events.map((e) => e.type)).toContain('login');
    expect(env.mock.control.count('obtain')).toBe(1);
  });

  it('accepts any credential fields the obtain view takes (USERNAME_FIELD = email)', async () => {
    env = setup();
    const seen: unknown[] = [];
    const auth = env.client({
      platform: env.world.fork({
        fetch: async (input, init) => {
          seen.push(JSON.parse(String(init?.body)));
          return env.mock.fetch(input, init);
        },
      }),
    });
    await auth.ready;
    await auth.login({ ...alice, email: 'alice@example.com', otp: '123456' });
    expect(seen[0]).toEqual({ ...alice, email: 'alice@example.com', otp: '123456' });
  });

  it('maps wrong credentials and inactive users to InvalidCredentialsError (no_active_account)', async () => {
    env = setup();
    const auth = env.client();
    await auth.ready;
    for (const credentials of [
      { username: 'alice', password: 'wrong' },
      { username: 'bob', password: 'bob-password-2' },
    ]) {
      const error = await auth.login(credentials).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidCredentialsError);
      expect(error).toMatchObject({
        code: 'no_active_account',
        status: 401,
        detail: 'No active account found with the given credentials',
      });
    }
    expect(auth.getState()).toMatchObject({ status: 'unauthenticated', error: { code: 'no_active_account' } });
  });

  it('maps DRF field errors to ValidationError with the field messages', async () => {
    env = setup();
    const auth = env.client();
    await auth.ready;
    const error = await auth.login({ username: 'alice' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ password: ['This field is required.'] });
    expect((error as ValidationError).code).toBe('validation_error');
  });

  it('reports a network failure as NetworkError and never puts the password in the message', async () => {
    env = setup();
    const auth = env.client({
      platform: env.world.fork({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) }),
    });
    await auth.ready;
    const error = await auth.login(alice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(isSimpleJwtClientError(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain(alice.password);
  });

  it('verify() asks the server: true for a live token, false once the server considers it expired or when logged out', async () => {
    env = setup();
    const auth = env.client();
    await auth.ready;
    expect(await auth.verify()).toBe(false);
    expect(env.mock.control.count('verify')).toBe(0);
    await auth.login(alice);
    expect(await auth.verify()).toBe(true);
    env.mock.control.advanceClock(301_000);
    expect(await auth.verify()).toBe(false);
    expect(env.mock.control.count('verify')).toBe(2);
  });
});
