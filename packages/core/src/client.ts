import { createAuthStore, readonlyView } from './auth-state.js';
import { isSharedStorage, storageScope } from './coordination/scope.js';
import { createTabSync, type TabSync } from './coordination/tab-sync.js';
import { createDiagnostics } from './diagnostics.js';
import { isSimpleJwtClientError, NotLoggedInError, toClientError } from './errors.js';
import { createEmitter } from './events.js';
import { createAuthFetch } from './fetch.js';
import { createLogger } from './logger.js';
import { createLogout } from './logout.js';
import { resolveOptions } from './options.js';
import { browserWindow } from './platform/browser.js';
import type { detectPlatform } from './platform/default.js';
import { createRefresher } from './refresher.js';
import { canRefresh, type Session, serverNow } from './session.js';
import { createSessionOwner } from './session-owner.js';
import { createSessionPersistence } from './session-persistence.js';
import { defaultStorage } from './storage/default.js';
import { guardStorage } from './storage/guard.js';
import { createTokenEndpoints } from './token-endpoints.js';
import type { AuthClient, AuthClientOptions, LoginCredentials, Unsubscribe } from './types.js';

/**
 * The client, given how to detect the platform: the browser build and the universal one (Node,
 * SSR, React Native) differ only there (see `create-auth-client.ts` and its `.browser` twin).
 */
export function createClient<C extends object, B extends object>(
  options: AuthClientOptions<C>,
  detect: typeof detectPlatform,
): AuthClient<C, B> {
  const config = resolveOptions(options);
  const { cookieMode, crossTab } = config;
  const platform = detect(options.platform);
  const logger = createLogger(options.logger);
  const events = createEmitter(logger);
  const state = createAuthStore<C>();
  const cleanups: Unsubscribe[] = [];
  const lifetime = new AbortController();
  const now = (): number => platform.clock.now();
  const endpoints = createTokenEndpoints(config, {
    platform,
    timeoutMs: config.timeoutMs,
    signal: lifetime.signal,
    headers: config.backend.headers,
    loginError: config.backend.loginError,
  });
  const diagnostics = createDiagnostics(config, logger, events);

  const rawStorage = options.storage ?? defaultStorage();
  // Only clients that share the session coordinate; the lock and channel names say which. In a
  // browser an httpOnly refresh cookie is shared by every tab of the origin, whatever the storage.
  const inBrowser = browserWindow() !== undefined;
  const cookieShared = cookieMode && inBrowser;
  const scope = cookieShared ? `cookie:${config.urls.refresh}` : storageScope(rawStorage);
  const meetingPoint = `${config.storageKey}@${scope}`;
  const lockName = `${meetingPoint}:refresh`;
  const storage = guardStorage(rawStorage, (error, operation) => {
    logger.warn(`Storage ${operation} failed; using memory`, error);
    events.emit({ type: 'storage-degraded', error });
  });

  let tabSync: TabSync | null = null;
  const persistence = createSessionPersistence<C>(storage, config, logger, (value, reason) =>
    tabSync?.publish(value, reason),
  );
  const owner = createSessionOwner<C>({
    config,
    clock: platform.clock,
    timers: platform.timers,
    state,
    persistence,
    endpoints,
    events,
    logger,
    shared: cookieShared || isSharedStorage(rawStorage),
    onDue: () => void refresher.refresh('due').catch(() => undefined),
    onSessionExpired: options.onSessionExpired,
  });
  const refresher = createRefresher(config, platform, lockName, endpoints, owner);
  const logout = createLogout({ config, owner, refresher, endpoints, locks: platform.locks, lockName, events, logger });

  if (cookieMode) cleanups.push(diagnostics.watchCookieMode(inBrowser, options.platform?.fetch !== undefined));

  /** Refreshes and returns the new access token. */
  const refreshNow = async (mode: 'due' | 'now' = 'now'): Promise<string> => {
    const next = await refresher.refresh(mode);
    if (!next.access) throw new NotLoggedInError();
    return next.access.raw;
  };

  // Start-up: a valid stored session makes the client authenticated synchronously, with no request.
  const start = (raw: string | null | undefined): void => {
    const found = persistence.decode(raw);
    if (found && !owner.isDue(found)) return owner.start(found, false);
    if (found && !canRefresh(found, now(), config.sliding)) {
      void persistence.write(null, { broadcast: false });
      return owner.start(null, false);
    }
    if (!found && !cookieMode) return owner.start(null, false);
    // The access token is due (or, in cookie mode, unknown): one refresh while still initializing.
    owner.start(found, true);
    refreshNow().catch((error: unknown) => owner.startFailed(toClientError(error)));
  };

  const ready = new Promise<void>((resolve) => {
    const unsubscribe = state.subscribe(() => {
      if (owner.initializing()) return;
      unsubscribe();
      resolve();
    });
    cleanups.push(unsubscribe, resolve);
  });

  if (crossTab) {
    tabSync = createTabSync(platform, meetingPoint, (value, reason) => {
      const next = persistence.decode(value);
      if (value !== null && !next) return;
      // Keep our own storage in step (split storage holds the access token per tab).
      void persistence.write(next, { broadcast: false });
      owner.adopt(next, reason);
    });
  }
  cleanups.push(
    platform.onWake(() => owner.check()),
    platform.onOnline(() => {
      refresher.resetBackoff();
      owner.check();
    }),
  );

  const initial = persistence.initial;
  if (initial instanceof Promise) initial.then(start, () => start(null));
  else start(initial);

  const getAccessToken = async (): Promise<string | null> => {
    await ready;
    const current = owner.session;
    if (!current) return null;
    owner.markUsed();
    if (current.access && !owner.isDue(current)) return current.access.raw;
    try {
      return await refreshNow('due');
    } catch (error) {
      // On a flaky network, a token that is due but not yet expired still works.
      const session = owner.session;
      const still = session?.access;
      if (still && serverNow(session, now()) < still.expMs && isSimpleJwtClientError(error) && error.retryable)
        return still.raw;
      throw error;
    }
  };

  const fetch = createAuthFetch(config, platform.fetch, {
    getAccessToken,
    async tokenAfterRejection(rejected) {
      const raw = owner.session?.access?.raw;
      return raw && raw !== rejected ? raw : refreshNow();
    },
    accountRejected: (token, error) => owner.endForAccount(token, error),
    headerIgnored: (response) => diagnostics.headerIgnored(response),
  });

  let pendingLogout: Promise<unknown> = Promise.resolve();

  return {
    store: readonlyView(state),
    baseUrl: config.baseUrl.href,
    getState: state.getState,
    subscribe: state.subscribe,
    on: events.on,
    ready,
    async login(credentials) {
      await ready;
      await pendingLogout;
      try {
        const { session, extras } = await endpoints.obtain(credentials as LoginCredentials);
        const next = session as Session<C>;
        refresher.resetBackoff();
        // Under the refresh lock: no tab commits a refresh meanwhile, so the session this login
        // replaces (and revokes) is the latest one.
        await (crossTab
          ? platform.locks.request(lockName, { stealAfterMs: config.stealAfterMs }, () => owner.login(next))
          : owner.login(next));
        return extras as never;
      } catch (raw) {
        const error = toClientError(raw);
        owner.fail(error);
        throw error;
      }
    },
    getAccessToken,
    fetch,
    async refresh() {
      await ready;
      await refreshNow();
    },
    async verify() {
      const token = await getAccessToken();
      return token !== null && endpoints.verify(token);
    },
    async logout() {
      await ready;
      const run = pendingLogout.then(logout);
      pendingLogout = run.catch(() => undefined);
      return run;
    },
    destroy() {
      if (lifetime.signal.aborted) return;
      owner.destroy();
      refresher.destroy();
      lifetime.abort();
      tabSync?.close();
      for (const cleanup of cleanups.splice(0)) cleanup();
      events.clear();
    },
  };
}
