import { type SimpleJwtClientError, UnauthorizedError } from './errors.js';
import { fieldsOf, parseJsonObject } from './http.js';
import type { ResolvedOptions } from './options.js';
import type { AuthFetch } from './types.js';

/** What `auth.fetch` asks of the client. */
export interface FetchHost {
  /** A valid access token (refreshed first when due), or null when logged out. */
  getAccessToken(): Promise<string | null>;
  /** The token to retry with after a 401 for `rejected`, refreshing once for all callers. */
  tokenAfterRejection(rejected: string): Promise<string>;
  /** The server rejected the account behind `token` (`user_inactive`, …): the session ends; null when it changed meanwhile. */
  accountRejected(token: string, error: UnauthorizedError): SimpleJwtClientError | null;
  /** The server did not see the Authorization header it was sent: a configuration error to throw. */
  headerIgnored(response: Response): SimpleJwtClientError;
}

/** 401 codes a new access token cannot cure: the account, not the token, is the problem. */
const accountCodes = new Set(['user_inactive', 'user_not_found', 'password_changed']);

/** Rejects when `signal` aborts, without cancelling `promise` (a shared refresh goes on for the others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal!.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort);
    promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
  });
}

/** The {@link UnauthorizedError} for a 401 `response`, with the server's code and detail. */
async function unauthorized(response: Response, fallback: string): Promise<UnauthorizedError> {
  const body = parseJsonObject(
    await response
      .clone()
      .text()
      .catch(() => ''),
    response,
  );
  const { code = 'not_authenticated', detail, messages } = fieldsOf(body);
  return new UnauthorizedError(code, detail ?? fallback, { status: 401, detail, messages, response });
}

/**
 * Builds `auth.fetch` for the configured base URL, allowed origins and header type: the token goes
 * only to the API's origins, and a 401 is retried once with a token from one shared refresh.
 */
export function createAuthFetch(
  { baseUrl, allowedOrigins, authHeaderType }: Pick<ResolvedOptions, 'baseUrl' | 'allowedOrigins' | 'authHeaderType'>,
  fetch: typeof globalThis.fetch,
  host: FetchHost,
): AuthFetch {
  /** Turns a 401 we sent `token` with into the error to throw, or null when a new token may cure it. */
  const diagnose = async (response: Response, token: string): Promise<SimpleJwtClientError | null> => {
    const error = await unauthorized(response, 'Unauthorized');
    if (accountCodes.has(error.code)) return host.accountRejected(token, error) ?? null;
    // DRF says this only when no authenticator read a credential: the header went unread.
    if (error.detail === 'Authentication credentials were not provided.') return host.headerIgnored(response);
    return null;
  };

  return async (input, init) => {
    const isRequest = input instanceof Request;
    let url: URL | undefined;
    try {
      url = new URL(isRequest ? input.url : input, baseUrl);
    } catch {
      // Unparsable: the token is withheld.
    }
    const ownAuthorization =
      new Headers(init?.headers).has('authorization') || (isRequest && input.headers.has('authorization'));
    const base = isRequest || !url ? input : url.href;
    // Fail closed: only the API's origins get the token, and an unparsable URL gets none.
    if (!url || !allowedOrigins.has(url.origin) || ownAuthorization) return fetch(base, init);
    const signal = init?.signal ?? (isRequest ? input.signal : undefined);
    const token = await untilAborted(host.getAccessToken(), signal);
    if (token === null) return fetch(base, init);

    const request = new Request(base, init);
    const authorize = (target: Request, value: string): Request => {
      target.headers.set('Authorization', `${authHeaderType} ${value}`);
      return target;
    };
    // Clone before sending: a body can be read once. A Request's body is replayed from the clone
    // (tee); a ReadableStream passed as init.body cannot be replayed, so such requests are not retried.
    const retry =
      typeof ReadableStream !== 'undefined' && init?.body instanceof ReadableStream ? null : request.clone();
    const response = await fetch(authorize(request, token));
    if (response.status !== 401 || !retry) return response;

    const fatal = await diagnose(response, token);
    if (fatal) throw fatal;
    const fresh = await untilAborted(host.tokenAfterRejection(token), signal);
    const second = await fetch(authorize(retry, fresh));
    if (second.status !== 401) return second;
    throw (await diagnose(second, fresh)) ?? (await unauthorized(second, 'Still 401 after a refresh'));
  };
}
