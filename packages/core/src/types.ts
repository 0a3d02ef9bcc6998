import type { ConfigurationError, SessionExpiredError, SimpleJwtClientError } from './errors.js';
import type { Platform, Unsubscribe } from './platform/types.js';
import type { StorageAdapter } from './storage/adapter.js';
import type { SimpleJwtClaims } from './tokens.js';

/** Where the client is in its life: reading storage, logged in, or logged out. */
export type AuthStatus = 'initializing' | 'authenticated' | 'unauthenticated';

/** The state apps render from, held in a zustand vanilla store. It never holds tokens. */
export interface AuthState<C extends object = object> {
  /** `initializing` until stored tokens are read (and, if the access token had expired, refreshed once). */
  status: AuthStatus;
  /** The access token's claims (the sliding token's in sliding mode): UNVERIFIED, for display only. */
  claims: (C & SimpleJwtClaims) | null;
  /** When the access token expires, in this device's clock (ms since the epoch), corrected for server clock skew. */
  expiresAt: number | null;
  /** Whether a refresh request is in flight in this tab. */
  isRefreshing: boolean;
  /** The last error from login, refresh or logout; cleared by the next success. */
  error: SimpleJwtClientError | null;
}

/** A store's read-only API (zustand's `getState`, `getInitialState`, `subscribe`): readers cannot change the state. */
export interface ReadonlyStore<T> {
  /** The current state. */
  getState(): T;
  /** The state before anything happened (`initializing`): what servers render and hydration starts from. */
  getInitialState(): T;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (state: T, previous: T) => void): Unsubscribe;
}

/** A fetch-compatible function that attaches the access token and retries once after a 401. */
export type AuthFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** SimpleJWT endpoint paths, relative to `baseUrl` (or absolute URLs). */
export interface EndpointPaths {
  /** `TokenObtainPairView` (or `TokenObtainSlidingView` in sliding mode). @default 'api/token/' ('api/token/sliding/') */
  obtain: string;
  /** `TokenRefreshView` (or `TokenRefreshSlidingView`). @default 'api/token/refresh/' ('api/token/sliding/refresh/') */
  refresh: string;
  /** `TokenVerifyView`. @default 'api/token/verify/' */
  verify: string;
  /** `TokenBlacklistView`, called by logout; `false` when the blacklist app is not installed. @default 'api/token/blacklist/' */
  blacklist: string | false;
}

/**
 * How the client talks to a backend's token endpoints. Presets make one ({@link simpleJwt}, the
 * default; {@link djRestAuth}; {@link djoser}); a custom backend is an object of this shape, e.g.
 * `{ ...simpleJwt(), headers: () => ({ 'X-Api-Key': key }) }`.
 */
export interface Backend {
  /** Endpoint paths, relative to `baseUrl`; `blacklist` is whatever revokes a refresh token at logout (a blacklist or logout view), `false` when none. */
  readonly endpoints: EndpointPaths;
  /**
   * Where the refresh credential travels: `body` (a refresh token in the JSON, kept by the client),
   * `cookie` (an httpOnly cookie the server sets; requests use `credentials: 'include'`), or
   * `token` (SimpleJWT's sliding tokens, which refresh themselves).
   */
  readonly refreshIn: 'body' | 'cookie' | 'token';
  /** The Authorization scheme the server expects (SimpleJWT's `AUTH_HEADER_TYPES[0]`); the client's `authHeaderType` option wins. @default 'Bearer' */
  readonly authHeaderType?: string;
  /** Headers added to every token-endpoint call (a CSRF token, an API key). */
  readonly headers?: () => Record<string, string> | undefined;
  /** Maps a failed login answer that this backend words differently; return undefined to keep SimpleJWT's mapping. */
  readonly loginError?: (status: number, body: Record<string, unknown> | null) => SimpleJwtClientError | undefined;
}

/** Backoff for refreshes that fail on the network, by timeout or with a 5xx. */
export interface RetryOptions {
  /** Attempts per refresh before giving up until the next request, wake-up or `online` event. @default 4 */
  attempts?: number;
  /** Delay before the first retry in ms; doubles each time, with full jitter. @default 500 */
  baseDelay?: number;
  /** Upper bound of one delay in ms. @default 15000 */
  maxDelay?: number;
}

/** Receives the client's diagnostic messages; tokens in `data` are redacted before it sees them. */
export interface Logger {
  /** Routine events (refresh scheduled, tab sync). */
  debug(message: string, data?: unknown): void;
  /** Degraded operation (storage fell back to memory, corrupted session discarded). */
  warn(message: string, data?: unknown): void;
  /** Failures the app may want to report. */
  error(message: string, data?: unknown): void;
}

/** What happened, for apps and devtools; never carries tokens. */
export type AuthEvent =
  | {
      /** A login in this tab succeeded. */
      type: 'login';
    }
  | {
      /** The session ended by logout. */
      type: 'logout';
      /** Whether `logout()` ran here or in another tab sharing the session. */
      source: 'this-tab' | 'other-tab';
    }
  | {
      /** After `logout()`: what the server did with the refresh credential(s). */
      type: 'logout-revocation';
      /** See {@link RevocationOutcome}. */
      outcome: RevocationOutcome;
      /** Why it was refused or unreachable. */
      error?: SimpleJwtClientError;
    }
  | {
      /** A refresh request of this tab started. */
      type: 'refresh-start';
    }
  | {
      /** A refresh of this tab succeeded. */
      type: 'refresh-success';
      /** Whether the server rotated the refresh token. */
      rotated: boolean;
    }
  | {
      /** A refresh attempt failed (network, timeout, 5xx); the session is kept. */
      type: 'refresh-failure';
      /** What went wrong. */
      error: SimpleJwtClientError;
      /** Whether the client retries after a backoff. */
      willRetry: boolean;
    }
  | {
      /** The server ended the session (refresh token rejected, account inactive, deleted or its password changed), here or in another tab. */
      type: 'session-expired';
      /** Its `reason` says why. */
      error: SessionExpiredError;
    }
  | {
      /** Another tab changed the session and this one adopted it. */
      type: 'tab-sync';
      /** What the other tab did. */
      change: 'login' | 'refresh' | 'logout';
    }
  | {
      /** The storage threw; the session is kept in memory for the page's lifetime. */
      type: 'storage-degraded';
      /** What the storage threw. */
      error: unknown;
    }
  | {
      /** A misconfiguration was diagnosed (reported once per problem). */
      type: 'configuration-error';
      /** What and how to fix it. */
      error: ConfigurationError;
    };

/**
 * What logout achieved on the server: `revoked` (every refresh credential of the session is dead),
 * `refused` (the server said no: the credential may still be valid), `unreachable` (no answer), or
 * `not-configured` (no blacklist endpoint, or sliding tokens, which SimpleJWT cannot blacklist).
 */
export type RevocationOutcome = 'revoked' | 'refused' | 'unreachable' | 'not-configured';

/** Options of {@link createAuthClient}. Only `baseUrl` is required. */
// biome-ignore lint/correctness/noUnusedVariables: `C` ties the options to the client's claims type at call sites.
export interface AuthClientOptions<C extends object = object> {
  /**
   * The API's base URL. Endpoint paths and relative `auth.fetch` URLs resolve against it, and its
   * origin is the only one that receives the Authorization header (plus `allowedOrigins`).
   * @example 'https://api.example.com/'
   */
  baseUrl: string;
  /** More origins that may receive the token, e.g. `['https://files.example.com']`. @default [] */
  allowedOrigins?: string[];
  /**
   * The backend's token endpoints: {@link simpleJwt} (SimpleJWT's own views), {@link djRestAuth} or
   * {@link djoser}, or a custom {@link Backend}.
   * @default simpleJwt({ tokenType, refreshTokenIn })
   */
  backend?: Backend;
  /** Endpoint paths that differ from the backend's. */
  endpoints?: Partial<EndpointPaths>;
  /** Shorthand for `backend: simpleJwt({ tokenType })`: `sliding` for SimpleJWT's sliding tokens. @default 'pair' */
  tokenType?: 'pair' | 'sliding';
  /**
   * Shorthand for `backend: simpleJwt({ refreshTokenIn })`. `storage`: the refresh token is kept in
   * `storage`. `cookie`: the server keeps it in an httpOnly cookie; the client never sees it and
   * calls the refresh and blacklist endpoints with `credentials: 'include'` and no token in the body.
   * @default 'storage'
   */
  refreshTokenIn?: 'storage' | 'cookie';
  /** Where the session is kept. @default localStorage in browsers, memory elsewhere */
  storage?: StorageAdapter;
  /** The storage key, also the name of the cross-tab lock and channel. @default 'simplejwt-client' */
  storageKey?: string;
  /** The scheme in the Authorization header: SimpleJWT's first `AUTH_HEADER_TYPES` entry. @default the backend's, else 'Bearer' */
  authHeaderType?: string;
  /** Seconds before the access token expires at which it is refreshed. @default 30 */
  refreshLeeway?: number;
  /** Milliseconds before a call to a token endpoint fails with `timeout`. @default 15000 */
  requestTimeout?: number;
  /** Backoff of refreshes that fail on the network or with a 5xx. */
  retry?: RetryOptions;
  /** Coordinate refreshes with other tabs and client instances sharing the storage. @default true */
  crossTab?: boolean;
  /** Milliseconds to wait for another tab's refresh before taking over its lock. @default requestTimeout + 5000 */
  lockTimeout?: number;
  /** Replace what the environment provides: clock, timers, fetch, wake-up and online signals, locks, channels. */
  platform?: Partial<Platform>;
  /**
   * Refresh on a timer even while nothing uses the session. By default the client refreshes ahead
   * of expiry only while the session is in use (a request or `getAccessToken()` since the current
   * access token arrived); an idle client lets it lapse and refreshes before its next request, so
   * the server's `REFRESH_TOKEN_LIFETIME` works as the inactivity timeout it is meant to be.
   * @default false
   */
  keepAlive?: boolean;
  /** Called once when the server ends the session (refresh token rejected or expired, account inactive, deleted or its password changed). */
  onSessionExpired?: (error: SessionExpiredError) => void;
  /** Diagnostics: `true` logs to the console; tokens are always redacted. @default undefined (silent) */
  logger?: Logger | boolean;
}

/** Credentials for SimpleJWT's obtain view: `password` plus the `USERNAME_FIELD` (`username`, `email`, …) and any extra fields, as JSON values. */
export type LoginCredentials = Record<string, string | number | boolean | null>;

/** A listener of {@link AuthEvent}s. */
export type AuthEventListener = (event: AuthEvent) => void;

/** The token manager returned by {@link createAuthClient}. */
export interface AuthClient<C extends object = object, B extends object = LoginCredentials> {
  /** The zustand vanilla store holding {@link AuthState}, read-only; bind it to any UI framework. */
  readonly store: ReadonlyStore<AuthState<C>>;
  /** The resolved base URL, always ending in `/`. */
  readonly baseUrl: string;
  /** The current state. */
  getState(): AuthState<C>;
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: (state: AuthState<C>, previous: AuthState<C>) => void): Unsubscribe;
  /** Calls `listener` for every {@link AuthEvent}; returns the unsubscribe function. */
  on(listener: AuthEventListener): Unsubscribe;
  /** Settles when the stored session has been read (and, if its access token had expired, refreshed once). */
  readonly ready: Promise<void>;
  /**
   * Obtains tokens from the backend's login view; resolves with the answer's other fields (dj-rest-auth's
   * `user`, …; `{}` for SimpleJWT). Throws InvalidCredentialsError, ValidationError, NetworkError, …
   */
  login<R extends object = Record<string, unknown>>(credentials: B): Promise<R>;
  /** A valid access token, refreshed first when due; null when logged out. */
  getAccessToken(): Promise<string | null>;
  /** `fetch` that attaches the token to the API's origins and retries once after a 401; relative URLs resolve against `baseUrl`. */
  readonly fetch: AuthFetch;
  /** Refreshes now (joining a refresh in flight); throws SessionExpiredError when the server rejects the refresh token. */
  refresh(): Promise<void>;
  /** Asks the server's verify view whether the access token is valid; false when logged out. */
  verify(): Promise<boolean>;
  /**
   * Ends the session in every tab at once, then revokes it on the server: it resolves when every
   * refresh token issued to the session (a refresh in flight here or in another tab included) has
   * been blacklisted. Rejects with LogoutRefusedError when the server refuses (401/403, e.g. a
   * CSRF check); resolves when the server is unreachable. Local state is cleared either way.
   */
  logout(): Promise<void>;
  /** Stops timers, listeners and requests in flight. The client is unusable afterwards. */
  destroy(): void;
}

export type { Unsubscribe };
