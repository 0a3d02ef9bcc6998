import { AxiosError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import type { SimpleJwtClientError } from './errors.js';

/**
 * The AxiosError an axios instance of this package rejects with when the client decided the
 * request's fate (a 401 after the one retry, a session the server ended, a refresh that could not
 * reach the server, a diagnosed misconfiguration): `code` is the typed error's stable code, `cause`
 * the typed error, `response` the final response when there was one (a 401, read as axios reads
 * any response).
 */
export function authAxiosError(
  failure: SimpleJwtClientError,
  config: InternalAxiosRequestConfig,
  request: unknown,
  response: AxiosResponse | undefined,
): AxiosError {
  const error = new AxiosError(failure.message, failure.code, config, request, response);
  // Native `cause` semantics (non-enumerable), as axios itself sets it.
  Object.defineProperty(error, 'cause', { value: failure, writable: true, enumerable: false, configurable: true });
  if (error.status === undefined && failure.status !== undefined) error.status = failure.status;
  return error;
}
