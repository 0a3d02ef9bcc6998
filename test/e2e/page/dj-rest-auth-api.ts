/**
 * The test API of the dj-rest-auth page (`dj-rest-auth-app.ts`) on `window.__djRestAuthE2e`, shared
 * by the page and the Node side (type-only there).
 */

/** An error as plain data: its class, `code`, and the fields the README's tables name. */
export interface ErrorView {
  name: string;
  code?: string;
  reason?: string;
  status?: number;
  detail?: string;
  fieldErrors?: Record<string, string[]>;
}

/** How a call to the client ended. */
export type DjraOutcome<T = undefined> = { ok: true; value: T } | { ok: false; error: ErrorView };

/** An AuthEvent as plain data. */
export interface DjraEventView {
  type: string;
  source?: string;
  change?: string;
  outcome?: string;
  rotated?: boolean;
  error?: ErrorView;
}

/** What the page shows of `auth.getState()`: no tokens. */
export interface DjraStateView {
  status: 'initializing' | 'authenticated' | 'unauthenticated';
  userId: number | null;
  error: ErrorView | null;
}

/** Everything the page's scripts can read of their storage. */
export interface ScriptView {
  local: Record<string, string>;
  session: Record<string, string>;
  /** `document.cookie`. */
  cookie: string;
}

/** The page's test API. */
export interface DjraPageApi {
  /** True once `auth.ready` settled. */
  ready: boolean;
  /** `auth.login(credentials)`: what it resolved with (dj-rest-auth's `user`). */
  login(credentials: Record<string, string>): Promise<DjraOutcome<Record<string, unknown>>>;
  /** `auth.logout()`. */
  logout(): Promise<DjraOutcome>;
  /** `auth.refresh()`. */
  refresh(): Promise<DjraOutcome>;
  /** One `auth.fetch('api/me/')`: its status and the id in its body. */
  me(): Promise<DjraOutcome<{ status: number; id: unknown }>>;
  /** `auth.getState()` as plain data. */
  state(): DjraStateView;
  /** Every event of this page load. */
  events(): DjraEventView[];
  /** localStorage, sessionStorage and `document.cookie`. */
  visible(): ScriptView;
  /** Every response body a `fetch` of this page (the client's included) received. */
  bodies(): string[];
}

declare global {
  interface Window {
    __djRestAuthE2e?: DjraPageApi;
  }
}
