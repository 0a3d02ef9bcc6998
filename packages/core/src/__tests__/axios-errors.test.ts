/**
 * How the axios entry reports failures: every failure stays an AxiosError (so `axios.isAxiosError`,
 * `error.response` and response interceptors keep working); when the client decided the outcome,
 * `cause` is its typed error and `code` that error's stable code. How axios features behave on the
 * path through `auth.fetch`.
 */
import axios, { AxiosError } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { authErrorOf } from '../axios.js';
import { ConfigurationError, isSessionExpiredError, SessionExpiredError, UnauthorizedError } from '../index.js';
import { loggedIn } from './axios-support.js';

let teardown: () => void = () => {};
afterEach(() => teardown());

async function world(options: Parameters<typeof loggedIn>[0] = {}) {
  const w = await loggedIn(options);
  teardown = w.env.teardown;
  return w;
}

const rejection = (promise: Promise<unknown>): Promise<AxiosError> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => {
      if (!(error instanceof AxiosError)) throw error;
      return error;
    },
  );

const stillRejected = JSON.stringify({ detail: 'Given token not valid for any token type', code: 'token_not_valid' });

describe('failures the client decides: an AxiosError with the typed error as cause', () => {
  it('still 401 after the one retry: the final response as axios reads it, UnauthorizedError as cause', async () => {
    const { api, env, me } = await world();
    env.mock.control.advanceClock(301_000);
    env.mock.control.fail({ endpoint: 'me', status: 401, times: 2, body: stillRejected });
    const error = await rejection(api.get('api/me/'));
    expect(error).toMatchObject({ code: 'token_not_valid', status: 401 });
    expect(error.response).toMatchObject({ status: 401, data: { code: 'token_not_valid' } });
    expect(error.cause).toBeInstanceOf(UnauthorizedError);
    expect(authErrorOf(error)).toBe(error.cause);
    expect(me()).toHaveLength(2);
    expect(env.refreshes()).toBe(1);
  });

  it('rejects even when validateStatus accepts 401: the client’s verdict is not a status code', async () => {
    const { api, env } = await world({ axios: { validateStatus: () => true } });
    env.mock.control.advanceClock(301_000);
    env.mock.control.fail({ endpoint: 'me', status: 401, times: 2, body: stillRejected });
    const error = await rejection(api.get('api/me/'));
    expect(error.response?.status).toBe(401);
    expect(error.cause).toBeInstanceOf(UnauthorizedError);
    // A plain 404 is still the app's to judge.
    expect((await api.get('api/nowhere/')).status).toBe(404);
  });

  it('the server ended the session (refresh token rejected): code session_expired, SessionExpiredError as cause', async () => {
    const { api, env, auth } = await world();
    env.mock.control.advanceClock(2 * 86_400_000); // past the refresh token's lifetime on the server only
    const error = await rejection(api.get('api/me/'));
    expect(error.code).toBe('session_expired');
    expect(isSessionExpiredError(error.cause)).toBe(true);
    expect(error.cause).toMatchObject({ reason: 'token_not_valid' });
    expect(auth.getState().status).toBe('unauthenticated');
  });

  it('an account the server rejects (user_inactive) ends the session without a refresh', async () => {
    const { api, env, auth } = await world();
    env.mock.control.updateUser('alice', { is_active: false });
    const error = await rejection(api.get('api/me/'));
    expect(error).toMatchObject({ code: 'session_expired', status: 401 });
    expect(error.cause).toBeInstanceOf(SessionExpiredError);
    expect(error.cause).toMatchObject({ reason: 'user_inactive' });
    expect(env.refreshes()).toBe(0);
    expect(auth.getState().status).toBe('unauthenticated');
  });

  it('a header the server ignored: code auth_header_type_mismatch, ConfigurationError as cause, no refresh', async () => {
    const { api, env } = await world({ world: { settings: { AUTH_HEADER_TYPES: ['JWT'] } } });
    const error = await rejection(api.get('api/me/'));
    expect(error.code).toBe('auth_header_type_mismatch');
    expect(error.cause).toBeInstanceOf(ConfigurationError);
    expect(env.refreshes()).toBe(0);
  });

  it('a refresh that cannot reach the server, with the access token expired: code network_error', async () => {
    const { api, env } = await world({ client: { retry: { attempts: 1 } } });
    env.world.setNow(env.world.now() + 301_000);
    env.mock.control.fail({ endpoint: 'refresh', network: true });
    const error = await rejection(api.get('api/me/'));
    expect(error.code).toBe('network_error');
    expect(authErrorOf(error)).toMatchObject({ name: 'NetworkError', retryable: true });
  });
});

describe('failures of the request itself stay axios’s own', () => {
  it('a 404 is ERR_BAD_REQUEST with no client error behind it', async () => {
    const { api } = await world();
    const error = await rejection(api.get('api/nowhere/'));
    expect(error).toMatchObject({ code: 'ERR_BAD_REQUEST', response: { status: 404 } });
    expect(authErrorOf(error)).toBeNull();
  });

  it('a dropped connection is ERR_NETWORK, and is not retried', async () => {
    const { api, env, me } = await world();
    env.mock.control.fail({ endpoint: 'me', network: true });
    const error = await rejection(api.get('api/me/'));
    expect(error.code).toBe('ERR_NETWORK');
    expect(authErrorOf(error)).toBeNull();
    expect(me()).toHaveLength(1);
  });
});

describe('axios features on the auth.fetch path', () => {
  it.each([
    ['text', (data: unknown) => JSON.parse(data as string)],
    ['arraybuffer', (data: unknown) => JSON.parse(new TextDecoder().decode(data as ArrayBuffer))],
    ['blob', async (data: unknown) => JSON.parse(await (data as Blob).text())],
  ] as const)('responseType %s reads the retried response', async (responseType, parse) => {
    const { api, env } = await world();
    env.mock.control.advanceClock(301_000);
    const response = await api.get('api/me/', { responseType });
    expect(await parse(response.data)).toMatchObject({ username: 'alice' });
    expect(env.refreshes()).toBe(1);
  });

  it('transformRequest runs once; its output is what is replayed', async () => {
    const { api, env, me } = await world();
    let transforms = 0;
    env.mock.control.advanceClock(301_000);
    await api
      .post('api/me/', { a: 1 }, { transformRequest: [(data) => (transforms++, `v=${data.a}`)] })
      .catch(() => undefined);
    expect(transforms).toBe(1);
    expect(me().map((s) => s.body)).toEqual(['v=1', 'v=1']);
  });

  it('onDownloadProgress reports the final response only', async () => {
    const { api, env } = await world();
    env.mock.control.advanceClock(301_000);
    const loaded: number[] = [];
    const response = await api.get('api/me/', { onDownloadProgress: (event) => loaded.push(event.loaded) });
    expect(response.status).toBe(200);
    const length = JSON.stringify(response.data).length;
    expect(loaded.at(-1)).toBe(length);
  });

  it('is an axios instance: axios.isAxiosError and axios.isCancel work on its rejections', async () => {
    const { api } = await world();
    const error = await rejection(api.get('api/nowhere/'));
    expect(axios.isAxiosError(error)).toBe(true);
    expect(axios.isCancel(error)).toBe(false);
  });
});
