export { createAuthClient } from './client.js';
export type {
  AuthClient,
  AuthClientOptions,
  AuthEvent,
  AuthEventListener,
  AuthState,
  AuthStatus,
  EndpointPaths,
  LoginCredentials,
  Logger,
  RetryOptions,
  Unsubscribe,
} from './types.js';
export type { SimpleJwtClaims } from './tokens.js';
export type { AuthFetch } from './fetch.js';
export {
  ApiError,
  InvalidCredentialsError,
  InvalidResponseError,
  InvalidTokenError,
  NetworkError,
  NotLoggedInError,
  RequestTimeoutError,
  SessionExpiredError,
  SimpleJwtClientError,
  UnauthorizedError,
  ValidationError,
  isSessionExpiredError,
  isSimpleJwtClientError,
  type ErrorCode,
  type ErrorDetails,
  type TokenMessage,
} from './errors.js';
export type { StorageAdapter, MaybePromise } from './storage/adapter.js';
export { memoryStorage } from './storage/memory.js';
export { webStorage, type WebStorageLike } from './storage/web-storage.js';
export { cookieStorage, type CookieStorageOptions } from './storage/cookie.js';
export { splitStorage } from './storage/split.js';
export { detectPlatform } from './platform/default.js';
export { appStateWake, type AppStateLike } from './platform/react-native.js';
export type { Channel, Clock, LockRequestOptions, Locks, Platform, TimerHandle, Timers } from './platform/types.js';
