import { UnauthorizedError, type ErrorCode } from './errors.js';
import { parseJsonObject } from './simplejwt.js';

/** What the authenticated fetch needs from the client. */
export interface AuthFetchHost {
  baseUrl: URL;
  /** Origins that may receive the token. */
  allowedOrigins: ReadonlySet<string>;
  authHeaderType: string;
  fetch: typeof globalThis.fetch;
  /** A valid access token (refreshing first when due), or null when logged out. */
  getAccessToken(): Promise<string | null>;
  /** After a 401 for `rejected`: the token to retry with, refreshing once for all callers. */
  tokenAfterRejection(rejected: string): Promise<string>;
}

/** A fetch-compatible function that attaches the access token and retries once after a 401. */
export type AuthFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

// A 401 that a new access token cannot cure: the user, not the token, is the problem.
const userCodes = new Set<string>(['user_inactive', 'user_not_found']);

/** Resolves `input` against the base URL; null when it cannot be parsed (the token is then withheld). */
function resolveUrl(input: RequestInfo | URL, baseUrl: URL): URL | null {
  const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    return new URL(raw, baseUrl);
  } catch {
    return null;
  }
}

function isStream(body: unknown): boolean {
  return typeof ReadableStream !== 'undefined' && body instanceof ReadableStream;
}

/** Rejects when `signal` aborts, without cancelling `promise` (a shared refresh goes on for the others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function rejectionCode(response: Response): Promise<{ code: ErrorCode; detail?: string }> {
  const body = parseJsonObject(await response.clone().text().catch(() => ''), response.headers.get('content-type'));
  const detail = typeof body?.detail === 'string' ? body.detail : undefined;
  const code = typeof body?.code === 'string' ? (body.code as ErrorCode) : 'not_authenticated';
  return detail === undefined ? { code } : { code, detail };
}

/** Builds `auth.fetch`. */
export function createAuthFetch(host: AuthFetchHost): AuthFetch {
  return async (input, init) => {
    const url = resolveUrl(input, host.baseUrl);
    const ownAuthorization =
      new Headers(init?.headers).has('authorization') || (input instanceof Request && input.headers.has('authorization'));
    // Fail closed: only the API's origins get the token, and an unparsable URL gets none.
    if (!url || !host.allowedOrigins.has(url.origin) || ownAuthorization) {
      return host.fetch(url && !(input instanceof Request) ? url.href : input, init);
    }
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const token = await untilAborted(host.getAccessToken(), signal);
    const base = input instanceof Request ? input : url.href;
    if (token === null) return host.fetch(base, init);

    const replayable = !isStream(init?.body);
    const request = new Request(base, init);
    request.headers.set('Authorization', `${host.authHeaderType} ${token}`);
    // Clone before sending: a Request's body can be read once.
    const retry = replayable ? request.clone() : null;
    const response = await host.fetch(request);
    if (response.status !== 401 || !retry) return response;

    const rejection = await rejectionCode(response);
    if (userCodes.has(rejection.code)) {
      throw new UnauthorizedError(rejection.code, rejection.detail ?? 'The server rejected the user', { status: 401, ...rejection, response });
    }
    const fresh = await untilAborted(host.tokenAfterRejection(token), signal);
    retry.headers.set('Authorization', `${host.authHeaderType} ${fresh}`);
    const second = await host.fetch(retry);
    if (second.status !== 401) return second;
    const final = await rejectionCode(second);
    throw new UnauthorizedError(final.code, final.detail ?? 'The server still answered 401 after a token refresh', {
      status: 401,
      ...final,
      response: second,
    });
  };
}
