/** retryUnlessAuthFailure / isAuthFailure: TanStack Query never retries what no retry can cure. */
import {
  ApiError,
  ConfigurationError,
  LogoutRefusedError,
  NetworkError,
  NotLoggedInError,
  SessionExpiredError,
  UnauthorizedError,
} from '@simplejwt-client/core';
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { isAuthFailure, retryUnlessAuthFailure } from '../index.js';
import { alice, providersFor, queryClientFor, queryWorld, useMe } from './query-support.js';

let teardown: () => void = () => {};
afterEach(() => {
  cleanup();
  teardown();
});

/** What `@simplejwt-client/core/axios` rejects with: an error (an AxiosError there) whose `cause` is the client's. */
const wrapped = (cause: unknown) => Object.assign(new Error('wrapped', { cause }), { isAxiosError: true });
/** An AxiosError's shape for a plain 401 response. */
const axios401 = Object.assign(new Error('Request failed with status code 401'), {
  isAxiosError: true,
  response: { status: 401 },
});

describe('isAuthFailure', () => {
  it.each([
    ['SessionExpiredError', new SessionExpiredError('token_not_valid'), true],
    ['UnauthorizedError', new UnauthorizedError('token_not_valid', 'Still 401', { status: 401 }), true],
    ['LogoutRefusedError', new LogoutRefusedError('CSRF Failed', { status: 403 }), true],
    ['ConfigurationError', new ConfigurationError('auth_header_type_mismatch', 'ignored'), true],
    ['NotLoggedInError', new NotLoggedInError(), true],
    ['an AxiosError caused by SessionExpiredError', wrapped(new SessionExpiredError()), true],
    ['an AxiosError with a 401 response', axios401, true],
    ['an app error with status 401', Object.assign(new Error('HTTP 401'), { status: 401 }), true],
    ['NetworkError', new NetworkError(), false],
    ['an ApiError 500', new ApiError('server_error', 'boom', { status: 500 }), false],
    ['an AxiosError caused by NetworkError', wrapped(new NetworkError()), false],
    ['an app error with status 404', Object.assign(new Error('HTTP 404'), { status: 404 }), false],
    ['a TypeError', new TypeError('fetch failed'), false],
    ['null', null, false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isAuthFailure(error)).toBe(expected);
    expect(retryUnlessAuthFailure(3)(0, error)).toBe(!expected);
  });

  it('other failures are retried up to maxRetries', () => {
    const retry = retryUnlessAuthFailure(2);
    expect([0, 1, 2].map((n) => retry(n, new NetworkError()))).toEqual([true, true, false]);
  });
});

describe('in a QueryClient', () => {
  it('a query whose session the server ended runs once; one failing on the network is retried', async () => {
    const env = queryWorld();
    teardown = env.teardown;
    const auth = env.tab();
    await auth.ready;
    await auth.login(alice);
    const queryClient = queryClientFor();

    env.mock.control.updateUser('alice', { is_active: false });
    const ended = { count: 0 };
    const first = renderHook(() => useMe(auth, ended), { wrapper: providersFor(auth, queryClient) });
    await env.until(() => first.result.current.isError);
    expect(ended.count).toBe(1);
    expect(first.result.current.error).toBeInstanceOf(SessionExpiredError);
    first.unmount();

    // A new session, and a network that drops every request: 1 call + 2 retries.
    env.mock.control.updateUser('alice', { is_active: true });
    await auth.login(alice);
    queryClient.removeQueries();
    env.mock.control.fail({ endpoint: 'me', network: true, times: 3 });
    const dropped = { count: 0 };
    const second = renderHook(() => useMe(auth, dropped), { wrapper: providersFor(auth, queryClient) });
    await env.until(() => second.result.current.isError);
    expect(dropped.count).toBe(3);
  });
});
