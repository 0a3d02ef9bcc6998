import { UnauthorizedError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { fieldsOf, parseJsonObject } from './simplejwt.js';

/** A fetch-compatible function that attaches the access token and retries once after a 401. */
export type AuthFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Rejects when `signal` aborts, without cancelling `promise` (a shared refresh goes on for the others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal!.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort);
    promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
  });
}

/** Throws the {@link UnauthorizedError} for a 401 `response`, with the server's code and detail. */
async function unauthorized(response: Response, fallback: string): Promise<never> {
  const body = parseJsonObject(
    await response
      .clone()
      .text()
      .catch(() => ''),
    response,
  );
  const { code = 'not_authenticated', detail } = fieldsOf(body);
  throw new UnauthorizedError(code, detail ?? fallback, { status: 401, detail, response });
}

/**
 * Builds `auth.fetch` for the configured base URL, allowed origins and header type. `getAccessToken`
 * gives a valid access token (refreshing first when due) or null when logged out;
 * `tokenAfterRejection` gives the token to retry with after a 401 for `rejected`, refreshing once
 * for all callers.
 */
export function createAuthFetch(
  { baseUrl, allowedOrigins, authHeaderType }: Pick<ResolvedOptions, 'baseUrl' | 'allowedOrigins' | 'authHeaderType'>,
  fetch: typeof globalThis.fetch,
  getAccessToken: () => Promise<string | null>,
  tokenAfterRejection: (rejected: string) => Promise<string>,
): AuthFetch {
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
    const token = await untilAborted(getAccessToken(), signal);
    if (token === null) return fetch(base, init);

    const request = new Request(base, init);
    const authorize = (target: Request, value: string): Request => {
      target.headers.set('Authorization', `${authHeaderType} ${value}`);
      return target;
    };
    // Clone before sending: a Request's body can be read once. A stream body cannot be replayed.
    const retry =
      typeof ReadableStream !== 'undefined' && init?.body instanceof ReadableStream ? null : request.clone();
    const response = await fetch(authorize(request, token));
    if (response.status !== 401 || !retry) return response;

    // A 401 that a new access token cannot cure: the user, not the token, is the problem.
    const { code } = fieldsOf(
      parseJsonObject(
        await response
          .clone()
          .text()
          .catch(() => ''),
        response,
      ),
    );
    if (code === 'user_inactive' || code === 'user_not_found') await unauthorized(response, 'User rejected');
    const second = await fetch(authorize(retry, await untilAborted(tokenAfterRejection(token), signal)));
    return second.status === 401 ? unauthorized(second, 'Still 401 after a refresh') : second;
  };
}
