export { createAuthClient } from './create-auth-client.js';
export { simpleJwt, type SimpleJwtBackendOptions } from './backends/simplejwt.js';
export { djRestAuth, type DjRestAuthBackendOptions } from './backends/dj-rest-auth.js';
export { djoser, type DjoserBackendOptions } from './backends/djoser.js';
export type {
  AuthClient,
  AuthClientOptions,
  AuthEvent,
  AuthEventListener,
  AuthState,
  AuthStatus,
  AuthFetch,
  Backend,
  EndpointPaths,
  LoginCredentials,
  Logger,
  ReadonlyStore,
  RetryOptions,
  RevocationOutcome,
  Unsubscribe,
} from './types.js';
export type { SimpleJwtClaims } from './tokens.js';
export {
  ApiError,
  ConfigurationError,
  InvalidCredentialsError,
  InvalidResponseError,
  InvalidTokenError,
  LogoutRefusedError,
  NetworkError,
  NotLoggedInError,
  RequestTimeoutError,
  SessionExpiredError,
  SimpleJwtClientError,
  UnauthorizedError,
  ValidationError,
  authErrorOf,
  isSessionExpiredError,
  isSimpleJwtClientError,
  type ConfigurationProblem,
  type ErrorCode,
  type ErrorDetails,
  type SessionEndReason,
  type TokenMessage,
} from './errors.js';
export type { StorageAdapter, MaybePromise } from './storage/adapter.js';
export { memoryStorage } from './storage/memory.js';
export { webStorage, type WebStorageLike } from './storage/web-storage.js';
export { cookieStorage, type CookieStorageOptions } from './storage/cookie.js';
export { splitStorage } from './storage/split.js';
export { detectPlatform } from './platform/default.js';
export { appStateWake, type AppStateLike } from './platform/react-native.js';
export type {
  Channel,
  Clock,
  LockGrant,
  LockRequestOptions,
  Locks,
  Platform,
  TimerHandle,
  Timers,
} from './platform/types.js';
