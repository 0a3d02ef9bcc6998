/**
 * The in-page harness of the end-to-end tests, bundled by `test/support/e2e-server.ts` into
 * `/app.js`. It creates one auth client as an app would, from options in `location.search`, and
 * exposes a small test API on `window.__simplejwtE2e` for Playwright to call.
 */
import {
  cookieStorage,
  createAuthClient,
  isSimpleJwtClientError,
  memoryStorage,
  splitStorage,
  webStorage,
  type AuthClientOptions,
  type AuthEvent,
  type StorageAdapter,
} from '@simplejwt-client/core';
import type { E2ePageApi, EventView, Outcome, PageOptions, StateView } from './api.js';
import { recordResponseBodies } from './record-bodies.js';
import { storageEntries } from './storage-entries.js';

const readOptions = (): PageOptions => {
  const options: Record<string, string> = { ...(window.__simplejwtE2eOptions ?? {}) };
  for (const [key, value] of new URLSearchParams(location.search)) options[key] = value;
  return options as PageOptions;
};
const options = readOptions();
const harnessErrors: string[] = [];

const errorCode = (error: unknown): string =>
  isSimpleJwtClientError(error) ? error.code : error instanceof Error ? error.name : String(error);
const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const settle = async <T>(work: () => Promise<T>): Promise<Outcome<T>> => {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, code: errorCode(error), message: errorMessage(error) };
  }
};

// Degrade the environment before the client detects its platform.
if (options.noBroadcastChannel === '1') {
  delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
}
if (options.noLocks === '1') {
  Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
}

const bodies = recordResponseBodies();

const storage = ((): StorageAdapter => {
  switch (options.storage ?? 'local') {
    case 'local':
      return webStorage('local');
    case 'session':
      return webStorage('session');
    case 'cookie':
      return cookieStorage();
    case 'split':
      return splitStorage(webStorage('local'));
    case 'memory':
      return memoryStorage();
    default:
      throw new Error(`Unknown storage option ${String(options.storage)}`);
  }
})();

const number = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));

let skewMs = 0;
const clientOptions: AuthClientOptions<{ user_id?: number }> = {
  baseUrl: `${location.origin}/`,
  storage,
  crossTab: options.crossTab !== '0',
  refreshTokenIn: options.refreshTokenIn === 'cookie' ? 'cookie' : 'storage',
};
const leeway = number(options.leeway);
if (leeway !== undefined) clientOptions.refreshLeeway = leeway;
const lockTimeout = number(options.lockTimeout);
if (lockTimeout !== undefined) clientOptions.lockTimeout = lockTimeout;
const requestTimeout = number(options.requestTimeout);
if (requestTimeout !== undefined) clientOptions.requestTimeout = requestTimeout;
const attempts = number(options.retryAttempts);
if (attempts !== undefined) clientOptions.retry = { attempts, baseDelay: 100, maxDelay: 400 };
if (options.skewableClock === '1') clientOptions.platform = { clock: { now: () => Date.now() + skewMs } };

const auth = createAuthClient(clientOptions);

const events: EventView[] = [];
auth.on((event: AuthEvent) => {
  const view: EventView = { type: event.type };
  if ('source' in event) view.source = event.source;
  if ('change' in event) view.change = event.change;
  if ('rotated' in event) view.rotated = event.rotated;
  if ('willRetry' in event) view.willRetry = event.willRetry;
  if ('error' in event) view.error = errorCode(event.error);
  events.push(view);
});

const lostLocks: string[] = [];
const api: E2ePageApi = {
  ready: false,
  options,
  harnessErrors,
  login: (username, password) =>
    settle(async () => {
      await auth.login({ username, password });
      return undefined;
    }),
  logout: () => settle(() => auth.logout().then(() => undefined)),
  refresh: () => settle(() => auth.refresh().then(() => undefined)),
  token: () => settle(() => auth.getAccessToken()),
  state(): StateView {
    const state = auth.getState();
    const userId = state.claims?.user_id;
    return {
      status: state.status,
      userId: typeof userId === 'number' ? userId : null,
      error: state.error ? state.error.code : null,
      isRefreshing: state.isRefreshing,
      expiresAt: state.expiresAt,
    };
  },
  fetchMe: (n = 1) =>
    Promise.all(
      Array.from({ length: n }, () =>
        auth.fetch('api/me/').then(
          (response) => response.status,
          (error: unknown) => `error:${errorCode(error)}`,
        ),
      ),
    ),
  async me() {
    const response = await auth.fetch('api/me/');
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body };
  },
  events: () => events.map((event) => ({ ...event })),
  holdLock: (name) =>
    new Promise<void>((resolve, reject) => {
      navigator.locks
        .request(name, () => {
          resolve();
          // Never settles: a holder that froze or hung.
          return new Promise<never>(() => undefined);
        })
        .catch((error: unknown) => {
          lostLocks.push(name);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    }).catch((error: unknown) => {
      // Only a failure to acquire reaches here before resolve; later steals are recorded above.
      harnessErrors.push(`holdLock: ${errorMessage(error)}`);
    }),
  async locks() {
    const snapshot = await navigator.locks.query();
    const names = (infos: LockInfo[] | undefined): string[] => (infos ?? []).map((info) => info.name ?? '');
    return { held: names(snapshot.held), pending: names(snapshot.pending) };
  },
  lostLocks: () => [...lostLocks],
  storage: () => ({
    local: storageEntries(localStorage),
    session: storageEntries(sessionStorage),
    cookie: document.cookie,
  }),
  bodies: () => [...bodies],
  setSkew(ms) {
    if (options.skewableClock !== '1') throw new Error('setSkew needs skewableClock=1');
    skewMs = ms;
  },
};

window.__simplejwtE2e = api;
auth.ready.then(
  () => {
    api.ready = true;
  },
  (error: unknown) => {
    harnessErrors.push(`ready rejected: ${errorMessage(error)}`);
  },
);
