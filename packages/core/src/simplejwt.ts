import {
  ApiError,
  InvalidCredentialsError,
  InvalidResponseError,
  NetworkError,
  RequestTimeoutError,
  ValidationError,
  type ErrorCode,
  type SimpleJwtClientError,
  type TokenMessage,
} from './errors.js';
import type { Timers } from './platform/types.js';

/** The wire: SimpleJWT's request bodies, response parsing and error mapping. */

/** What a token endpoint call needs from the client. */
export interface WireContext {
  fetch: typeof globalThis.fetch;
  timers: Timers;
  /** Milliseconds before a token endpoint call fails with `timeout`. */
  timeoutMs: number;
  /** Aborts every call in flight when the client is destroyed. */
  signal: AbortSignal;
}

/** A request to one of SimpleJWT's endpoints. */
export interface WireRequest {
  url: string;
  body: Record<string, unknown>;
  /** `include` in httpOnly-cookie mode so the browser sends and stores the refresh cookie. */
  credentials?: RequestCredentials;
  /** Login failures map to {@link InvalidCredentialsError}. */
  isLogin?: boolean;
}

const drfDefaultCodes: Record<number, ErrorCode> = {
  400: 'parse_error',
  401: 'authentication_failed',
  403: 'permission_denied',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  415: 'unsupported_media_type',
  429: 'throttled',
};
const notAuthenticatedDetail = 'Authentication credentials were not provided.';

/** POSTs `request.body` as JSON and returns the parsed JSON object of a 2xx answer; throws a typed error otherwise. */
export async function postJson(ctx: WireContext, request: WireRequest): Promise<Record<string, unknown>> {
  const controller = new AbortController();
  const onDestroy = (): void => controller.abort();
  ctx.signal.addEventListener('abort', onDestroy, { once: true });
  let timedOut = false;
  const timer = ctx.timers.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ctx.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await ctx.fetch(request.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(request.body),
      credentials: request.credentials ?? 'same-origin',
      signal: controller.signal,
    });
    text = await response.text();
  } catch (error) {
    if (timedOut) throw new RequestTimeoutError(ctx.timeoutMs);
    throw new NetworkError('Could not reach the token endpoint', error);
  } finally {
    ctx.timers.clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onDestroy);
  }
  const json = parseJsonObject(text, response.headers.get('content-type'));
  if (response.ok) {
    if (!json) {
      throw new InvalidResponseError(`The token endpoint answered ${response.status} with a body that is not a JSON object`, {
        status: response.status,
      });
    }
    return json;
  }
  throw errorFromResponse(response.status, json, request.isLogin === true);
}

/** Maps a non-2xx answer (DRF/SimpleJWT JSON, or an HTML page from Django or a proxy) to a typed error. */
export function errorFromResponse(
  status: number,
  body: Record<string, unknown> | null,
  isLogin = false,
): SimpleJwtClientError {
  const detail = typeof body?.detail === 'string' ? body.detail : undefined;
  const serverCode = typeof body?.code === 'string' ? (body.code as ErrorCode) : undefined;
  const messages = Array.isArray(body?.messages) ? (body.messages as TokenMessage[]) : undefined;
  if (status >= 500 || !body) {
    const code: ErrorCode = status >= 500 ? 'server_error' : (drfDefaultCodes[status] ?? 'http_error');
    return new ApiError(code, `The server answered ${status} without a JSON error body`, { status });
  }
  if (status === 400 && detail === undefined) {
    const fieldErrors = toFieldErrors(body);
    const first = Object.entries(fieldErrors)[0];
    const summary = first ? `${first[0]}: ${first[1].join(' ')}` : 'invalid data';
    return new ValidationError(`The server rejected the request (${summary})`, fieldErrors, { status });
  }
  if (isLogin && status === 401) {
    return new InvalidCredentialsError('no_active_account', detail ?? 'No active account found with the given credentials', {
      status,
      detail,
    });
  }
  const code =
    serverCode ?? (status === 401 && detail === notAuthenticatedDetail ? 'not_authenticated' : drfDefaultCodes[status] ?? 'http_error');
  return new ApiError(code, detail ?? `The server answered ${status}`, { status, detail, messages });
}

/** Parses a JSON object body; null for HTML, empty or non-object bodies. */
export function parseJsonObject(text: string, contentType: string | null): Record<string, unknown> | null {
  if (contentType !== null && !/\bjson\b/i.test(contentType)) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function toFieldErrors(body: Record<string, unknown>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(body)) {
    if (Array.isArray(value)) result[field] = value.map(String);
    else if (typeof value === 'string') result[field] = [value];
  }
  return result;
}
