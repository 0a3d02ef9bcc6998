import { redact, redactText } from './redact.js';

/**
 * Error classes. Every error the client throws or stores is a {@link SimpleJwtClientError} with a
 * stable `code`: SimpleJWT's own code when the server sent one, DRF's default code for DRF's own
 * errors, and a client code otherwise. Messages never contain tokens: server-supplied text is
 * redacted like log output.
 */

const brand = Symbol.for('simplejwt-client.error');

/** Stable error codes: SimpleJWT's, DRF's defaults, and the client's own. */
export type ErrorCode =
  // SimpleJWT
  | 'token_not_valid'
  | 'no_active_account'
  | 'user_not_found'
  | 'user_inactive'
  | 'bad_authorization_header'
  | 'password_changed'
  // DRF defaults for errors DRF sends without a code
  | 'not_authenticated'
  | 'authentication_failed'
  | 'permission_denied'
  | 'not_found'
  | 'method_not_allowed'
  | 'not_acceptable'
  | 'unsupported_media_type'
  | 'parse_error'
  | 'throttled'
  | 'validation_error'
  // client
  | 'session_expired'
  | 'not_logged_in'
  | 'server_error'
  | 'http_error'
  | 'network_error'
  | 'timeout'
  | 'invalid_response'
  | 'invalid_token'
  | 'logged_out'
  | 'logout_refused'
  | ConfigurationProblem;

/** Why a session ended: the server's code (`token_not_valid` for a rejected or expired refresh token, `user_inactive`, `user_not_found`, `password_changed`, `no_active_account`, …). */
export type SessionEndReason =
  | 'token_not_valid'
  | 'user_inactive'
  | 'user_not_found'
  | 'password_changed'
  | 'no_active_account'
  | (string & {});

/** What a {@link ConfigurationError} diagnosed. */
export type ConfigurationProblem =
  /** The server ignored the Authorization header: `authHeaderType` is not its `AUTH_HEADER_TYPES[0]` (or a proxy strips the header). */
  | 'auth_header_type_mismatch'
  /** Cookie mode, but this environment keeps no cookies (Node's fetch has no cookie jar). */
  | 'cookies_unavailable'
  /** Cookie mode, but the refresh cookie set at login never came back (a cross-site cookie blocked by `SameSite`, third-party cookies off). */
  | 'refresh_cookie_missing';

/** Per-token-class detail SimpleJWT adds to "Given token not valid for any token type". */
export interface TokenMessage {
  /** The token class that rejected the token, e.g. `AccessToken`. */
  token_class?: string;
  /** Its token type, e.g. `access`. */
  token_type?: string;
  /** Why, e.g. "Token is expired". */
  message: string;
}

/** What an error can carry besides its message. */
export interface ErrorDetails {
  /** HTTP status of the response that caused it, when there was one. */
  status?: number;
  /** The server's `detail` text, when it sent one. */
  detail?: string;
  /** SimpleJWT's per-token-class `messages`, when it sent them. */
  messages?: TokenMessage[];
  /** The underlying error (a network TypeError, a storage exception, …). */
  cause?: unknown;
}

/** Base class of every error from simplejwt-client; test for it with {@link isSimpleJwtClientError}. */
export class SimpleJwtClientError extends Error {
  /** Stable machine-readable code. */
  declare readonly code: ErrorCode;
  /** HTTP status of the response that caused it, when there was one. */
  declare readonly status: number | undefined;
  /** The server's `detail` text, when it sent one. */
  declare readonly detail: string | undefined;
  /** SimpleJWT's per-token-class messages, when it sent them. */
  declare readonly messages: TokenMessage[] | undefined;
  /** @internal cross-bundle brand */
  readonly [brand] = true;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(redactText(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = details.status;
    this.detail = details.detail === undefined ? undefined : redactText(details.detail);
    this.messages = details.messages && (redact(details.messages) as TokenMessage[]);
  }

  /** Whether retrying later may succeed (network failure, timeout, 5xx, 429). */
  get retryable(): boolean {
    return /^(network_error|timeout|throttled)$/.test(this.code) || (this.status ?? 0) >= 500;
  }
}

/** The server rejected a request (a 4xx or 5xx with a DRF/SimpleJWT body, or an error page). */
export class ApiError extends SimpleJwtClientError {}

/** Login failed: wrong credentials, unknown or inactive user (SimpleJWT does not tell them apart). */
export class InvalidCredentialsError extends ApiError {}

/** The server rejected the request body; `fieldErrors` holds DRF's messages per field. */
export class ValidationError extends ApiError {
  /** DRF's field errors, e.g. `{ password: ['This field is required.'] }`; `non_field_errors` included. */
  declare readonly fieldErrors: Record<string, string[]>;
  constructor(message: string, fieldErrors: Record<string, string[]>, details: ErrorDetails = {}) {
    super('validation_error', message, details);
    this.fieldErrors = redact(fieldErrors) as Record<string, string[]>;
  }
}

/** A request still got 401 after the client refreshed its token once (e.g. `user_inactive`). */
export class UnauthorizedError extends ApiError {
  /** The final 401 response, body unread. */
  declare readonly response: Response | undefined;
  constructor(code: ErrorCode, message: string, details: ErrorDetails & { response?: Response } = {}) {
    super(code, message, details);
    this.response = details.response;
  }
}

/** The session ended: the server rejected the refresh token (expired, blacklisted) or the account (inactive, deleted, password changed). */
export class SessionExpiredError extends SimpleJwtClientError {
  /** Why: the server's code, e.g. `token_not_valid`, `user_inactive`, `password_changed`. */
  declare readonly reason: SessionEndReason;
  constructor(reason: SessionEndReason = 'token_not_valid', message = 'Session expired', details: ErrorDetails = {}) {
    super('session_expired', message, details);
    this.reason = reason;
  }
}

/**
 * The server refused to revoke the session at logout (401/403 from the blacklist or logout
 * endpoint, e.g. a failed CSRF check): the refresh credential may still be valid. Local state was
 * cleared anyway.
 */
export class LogoutRefusedError extends ApiError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('logout_refused', message, details);
  }
}

/** The client and the server disagree on how to talk (see {@link ConfigurationProblem}); fix the options or the server. */
export class ConfigurationError extends SimpleJwtClientError {
  declare readonly code: ConfigurationProblem;
  constructor(code: ConfigurationProblem, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
}

/** An operation needs a session and there is none. */
export class NotLoggedInError extends SimpleJwtClientError {
  constructor(message = 'Not logged in') {
    super('not_logged_in', message);
  }
}

/** The request never got a response: offline, DNS, CORS or connection failure. */
export class NetworkError extends SimpleJwtClientError {
  constructor(message = 'Network request failed', cause?: unknown) {
    super('network_error', message, { cause });
  }
}

/** The server did not answer within the configured timeout. */
export class RequestTimeoutError extends SimpleJwtClientError {
  constructor(ms: number) {
    super('timeout', `Timed out after ${ms} ms`);
  }
}

/** The server answered 2xx with something that is not what SimpleJWT sends (HTML, missing or undecodable tokens). */
export class InvalidResponseError extends SimpleJwtClientError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('invalid_response', message, details);
  }
}

/** A token is not a decodable JWT or lacks a claim the client needs (`exp`). */
export class InvalidTokenError extends SimpleJwtClientError {
  constructor(message: string, cause?: unknown) {
    super('invalid_token', message, { cause });
  }
}

/** Whether `value` is a simplejwt-client error, also across bundles that hold separate copies of the classes. */
export function isSimpleJwtClientError(value: unknown): value is SimpleJwtClientError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** Whether `value` is a {@link SessionExpiredError}, across bundles. */
export function isSessionExpiredError(value: unknown): value is SessionExpiredError {
  return isSimpleJwtClientError(value) && value.code === 'session_expired';
}

/** Turns anything thrown into a {@link SimpleJwtClientError}, keeping the original as `cause`. */
export function toClientError(error: unknown): SimpleJwtClientError {
  if (isSimpleJwtClientError(error)) return error;
  return new NetworkError(undefined, error);
}

/**
 * The simplejwt-client error behind `error`: `error` itself when it is one (from `auth.fetch`, ky
 * or openapi-fetch), its `cause` when it wraps one (an AxiosError from the axios entry); otherwise
 * null. Works across bundles.
 * @example
 * if (isSessionExpiredError(authErrorOf(error))) redirectToLogin();
 */
export function authErrorOf(error: unknown): SimpleJwtClientError | null {
  if (isSimpleJwtClientError(error)) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return isSimpleJwtClientError(cause) ? cause : null;
}
