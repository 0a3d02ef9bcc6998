/**
 * The test API the in-page harness (`app.ts`) puts on `window.__simplejwtE2e`, shared by the page
 * and the Node side (type-only there).
 */

/** How a call to the client ended: its value, or the error's `code` (SimpleJwtClientError) or name. */
export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** What the page shows of `auth.getState()`: no tokens. */
export interface StateView {
  status: 'initializing' | 'authenticated' | 'unauthenticated';
  userId: number | null;
  error: string | null;
  isRefreshing: boolean;
  expiresAt: number | null;
}

/** An AuthEvent as plain data (errors reduced to their code). */
export interface EventView {
  type: string;
  source?: string;
  change?: string;
  rotated?: boolean;
  willRetry?: boolean;
  error?: string;
}

/** Everything the page's scripts can see of its storage. */
export interface StorageView {
  local: Record<string, string>;
  session: Record<string, string>;
  cookie: string;
}

/** Options read from `location.search` (or `window.__simplejwtE2eOptions`, set before load). */
export interface PageOptions {
  /** `local` (default), `session`, `cookie`, `split` (over localStorage) or `memory`. */
  storage?: 'local' | 'session' | 'cookie' | 'split' | 'memory';
  /** `0` disables cross-tab coordination. */
  crossTab?: '0' | '1';
  /** `cookie`: httpOnly refresh-cookie mode. */
  refreshTokenIn?: 'storage' | 'cookie';
  /** `1` deletes `window.BroadcastChannel` before the client is created (storage-event channel). */
  noBroadcastChannel?: '1';
  /** `1` hides `navigator.locks` before the client is created (in-page locks only). */
  noLocks?: '1';
  /** `refreshLeeway` in seconds. */
  leeway?: string;
  /** `lockTimeout` in ms. */
  lockTimeout?: string;
  /** `requestTimeout` in ms. */
  requestTimeout?: string;
  /** `retry.attempts`. */
  retryAttempts?: string;
  /** `1` gives the client a clock the test can move forward (`setSkew`), as when a laptop sleeps. */
  skewableClock?: '1';
}

export interface E2ePageApi {
  /** True once `auth.ready` settled. */
  ready: boolean;
  /** The options the page was opened with. */
  options: PageOptions;
  login(username: string, password: string): Promise<Outcome>;
  logout(): Promise<Outcome>;
  refresh(): Promise<Outcome>;
  /** `auth.getAccessToken()`. */
  token(): Promise<Outcome<string | null>>;
  state(): StateView;
  /** `n` concurrent `auth.fetch('api/me/')`: each one's HTTP status, or `error:<code>`. */
  fetchMe(n?: number): Promise<Array<number | string>>;
  /** One `auth.fetch('api/me/')` with its JSON body. */
  me(): Promise<{ status: number; body: unknown }>;
  events(): EventView[];
  /** Takes the Web Lock `name` and never releases it; resolves once granted. */
  holdLock(name: string): Promise<void>;
  /** The origin's Web Locks (`navigator.locks.query()`): names held and waited for. */
  locks(): Promise<{ held: string[]; pending: string[] }>;
  /** Names of held locks that were stolen from this page. */
  lostLocks(): string[];
  storage(): StorageView;
  /** Every response body any `fetch` of this page (the client's included) received, in arrival order. */
  bodies(): string[];
  /** Moves the client's clock `ms` ahead of the real one (needs `skewableClock=1`). */
  setSkew(ms: number): void;
  /** Errors thrown by event listeners or the harness itself. */
  harnessErrors: string[];
}

declare global {
  interface Window {
    __simplejwtE2e?: E2ePageApi;
    __simplejwtE2eOptions?: PageOptions;
  }
}
