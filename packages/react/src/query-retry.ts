import { authErrorOf } from '@simplejwt-client/core';

/** Codes of failures that no retry cures: the session or the configuration, not the network, is the problem. */
const authCodes = new Set([
  'session_expired',
  'not_logged_in',
  'logout_refused',
  'auth_header_type_mismatch',
  'cookies_unavailable',
  'refresh_cookie_missing',
]);

/**
 * Whether `error` is an authentication failure that retrying cannot cure: a `SessionExpiredError`,
 * an `UnauthorizedError` (still 401 after the client's own refresh and retry), a
 * `LogoutRefusedError`, a `ConfigurationError`, a `NotLoggedInError` — thrown directly (by
 * `auth.fetch`, ky, openapi-fetch) or as the `cause` of an AxiosError — or any error that carries
 * an HTTP 401 (`status` or `response.status`), such as the error of a request sent without a token.
 * Works across bundles (no `instanceof`).
 */
export function isAuthFailure(error: unknown): boolean {
  const client = authErrorOf(error);
  if (client && (authCodes.has(client.code) || client.status === 401)) return true;
  const http = error as { status?: unknown; response?: { status?: unknown } } | null;
  return http?.status === 401 || http?.response?.status === 401;
}

/**
 * A TanStack Query `retry` option that never retries an {@link isAuthFailure} and retries other
 * failures up to `maxRetries` times (TanStack's default is 3).
 * @example
 * new QueryClient({ defaultOptions: { queries: { retry: retryUnlessAuthFailure() } } });
 */
export function retryUnlessAuthFailure(maxRetries = 3): (failureCount: number, error: unknown) => boolean {
  return (failureCount, error) => !isAuthFailure(error) && failureCount < maxRetries;
}
