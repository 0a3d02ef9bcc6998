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
import type { Platform } from './platform/types.js';

/** The HTTP layer of token endpoint calls: request, timeout, response parsing and error mapping. */

/** What a token endpoint call needs from the client: the platform's fetch, timers and clock, a timeout, and the client's lifetime. */
export interface WireContext {
  /** Headers added to every call (the backend's). */
  headers?: () => Record<string, string> | undefined;
  /** The backend's mapping of a failed login answer. */
  loginError?: (status: number, body: Record<string, unknown> | null) => SimpleJwtClientError | undefined;
  /** The platform's fetch, timers and clock. */
  platform: Pick<Platform, 'fetch' | 'timers' | 'clock'>;
  /** Milliseconds before a token endpoint call fails with `timeout`. */
  timeoutMs: number;
  /** Aborts every call in flight when the client is destroyed. */
  signal: AbortSignal;
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

/** A 2xx answer's JSON object, with when the request went out and the answer came back (device clock, ms). */
export interface JsonAnswer {
  body: Record<string, unknown>;
  sentAt: number;
  receivedAt: number;
}

/**
 * POSTs `body` as JSON to `url` and returns the parsed JSON object of a 2xx answer; throws a typed
 * error otherwise. `credentials` is `include` in httpOnly-cookie mode so the browser sends and
 * stores the refresh cookie; `isLogin` maps a 401 to {@link InvalidCredentialsError}.
 */
export async function postJson(
  { platform, timeoutMs, signal, headers, loginError }: WireContext,
  url: string,
  body: object,
  credentials: RequestCredentials = 'same-origin',
  isLogin?: boolean,
): Promise<JsonAnswer> {
  const sentAt = platform.clock.now();
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  signal.addEventListener('abort', abort);
  let timedOut = false;
  const timer = platform.timers.setTimeout(() => {
    timedOut = true;
    abort();
  }, timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await platform.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers?.() },
      body: JSON.stringify(body),
      credentials,
      signal: controller.signal,
    });
    text = await response.text();
  } catch (error) {
    throw timedOut ? new RequestTimeoutError(timeoutMs) : new NetworkError(undefined, error);
  } finally {
    platform.timers.clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
  const receivedAt = platform.clock.now();
  const { status } = response;
  const json = parseJsonObject(text, response);
  if (!response.ok) throw (isLogin && loginError?.(status, json)) || errorFromResponse(status, json, isLogin);
  if (!json) throw new InvalidResponseError(`Token endpoint: ${status} without a JSON object`, { status });
  return { body: json, sentAt, receivedAt };
}

/** Maps a non-2xx answer (DRF/SimpleJWT JSON, or an HTML page from Django or a proxy) to a typed error. */
export function errorFromResponse(
  status: number,
  body: Record<string, unknown> | null,
  isLogin?: boolean,
): SimpleJwtClientError {
  const { detail, code, messages } = fieldsOf(body);
  const fallback = status >= 500 ? 'server_error' : (drfDefaultCodes[status] ?? 'http_error');
  if (!body || status >= 500) return new ApiError(fallback, `HTTP ${status} without a JSON error`, { status });
  if (status === 400 && detail === undefined) {
    const fieldErrors: Record<string, string[]> = {};
    for (const [field, value] of Object.entries(body)) {
      if (Array.isArray(value) || typeof value === 'string') fieldErrors[field] = [value].flat().map(String);
    }
    const first = Object.entries(fieldErrors)[0];
    return new ValidationError(`Invalid data${first ? ` (${first[0]}: ${first[1].join(' ')})` : ''}`, fieldErrors, {
      status,
    });
  }
  if (isLogin && status === 401) {
    return new InvalidCredentialsError('no_active_account', detail ?? 'No active account found', { status, detail });
  }
  // DRF and SimpleJWT 5.5 send these without a code.
  const inferred =
    status === 401 && detail === 'Authentication credentials were not provided.'
      ? 'not_authenticated'
      : status === 401 && detail?.startsWith('No active account found')
        ? 'no_active_account'
        : fallback;
  return new ApiError(code ?? inferred, detail ?? `HTTP ${status}`, { status, detail, messages });
}

/** The DRF/SimpleJWT error fields of a JSON body, when they have the right types. */
export function fieldsOf(body: Record<string, unknown> | null): {
  detail?: string;
  code?: ErrorCode;
  messages?: TokenMessage[];
} {
  const { detail, code, messages } = body ?? {};
  return {
    detail: typeof detail === 'string' ? detail : undefined,
    code: typeof code === 'string' ? (code as ErrorCode) : undefined,
    messages: Array.isArray(messages) ? (messages as TokenMessage[]) : undefined,
  };
}

/** Parses a JSON object body; null for HTML, empty or non-object bodies (judged by `response`'s content type). */
export function parseJsonObject(text: string, response: Response): Record<string, unknown> | null {
  const type = response.headers.get('content-type');
  try {
    const value: unknown = type === null || /\bjson\b/i.test(type) ? JSON.parse(text) : null;
    return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown> | null) : null;
  } catch {
    return null;
  }
}
