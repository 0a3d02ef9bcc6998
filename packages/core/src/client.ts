import { storageScope } from './coordination/scope.js';
import { createTabSync, type TabSync } from './coordination/tab-sync.js';
import {
  NotLoggedInError,
  SessionExpiredError,
  isSimpleJwtClientError,
  toClientError,
  type SimpleJwtClientError,
} from './errors.js';
import { createTokenEndpoints } from './endpoints.js';
import { createEmitter } from './events.js';
import { createAuthFetch } from './fetch.js';
import { createLogger } from './logger.js';
import { resolveOptions } from './options.js';
import { browserWindow } from './platform/browser.js';
import { detectPlatform } from './platform/default.js';
import { createRefresher } from './refresh.js';
import { createScheduler } from './scheduler.js';
import { canRefresh, refreshDueAt, serverNow, sessionKey, type Session } from './session.js';
import { createSessionStore } from './session-store.js';
import { defaultStorage } from './storage/default.js';
import { guardStorage } from './storage/guard.js';
import { createAuthStore } from './store.js';
import type { AuthClient, AuthClientOptions, AuthState, AuthStatus, Unsubscribe } from './types.js';

/**
 * Creates a token manager for a Django REST Framework API secured by SimpleJWT.
 * @example
 * const auth = createAuthClient({ baseUrl: 'https://api.example.com/' });
 * await auth.login({ username: 'alice', password: '…' });
 * const me = await (await auth.fetch('api/me/')).json();
 */
export function createAuthClient<C extends object = object>(options: AuthClientOptions<C>): AuthClient<C> {
  const config = resolveOptions(options);
  const platform = detectPlatform(options.platform);
  const logger = createLogger(options.logger);
  const store = createAuthStore<C>();
  const cleanups: Unsubscribe[] = [];
  const lifetime = new AbortController();
  const now = (): number => platform.clock.now();
  const endpoints = createTokenEndpoints(config, {
    fetch: platform.fetch,
    timers: platform.timers,
    timeoutMs: config.timeoutMs,
    signal: lifetime.signal,
  });

  let session: Session<C> | null = null;
  let generation = 0;
  let destroyed = false;

  const events = createEmitter(logger);
  const emit = events.emit;

  const rawStorage = options.storage ?? defaultStorage();
  // Only clients that share the session coordinate; the lock and channel names say which. In a
  // browser an httpOnly refresh cookie is shared by every tab of the origin, whatever the storage.
  const scope = config.cookieMode && browserWindow() ? `cookie:${config.urls.refresh}` : storageScope(rawStorage);
  const meetingPoint = `${config.storageKey}@${scope}`;
  const storage = guardStorage(rawStorage, (error, operation) => {
    logger.warn(`Storage failed on ${operation}; keeping the session in memory for this page`, error);
    emit({ type: 'storage-degraded', error });
  });

  const isDue = (s: Session): boolean => now() >= refreshDueAt(s, config.leewayMs);
  const background = (): void => {
    if (session && !destroyed) refresher.refresh().catch(() => undefined);
  };
  const scheduler = createScheduler(platform.clock, platform.timers, () => {
    if (session && isDue(session)) background();
    else if (session) scheduler.scheduleAt(refreshDueAt(session, config.leewayMs));
  });

  const setSession = (next: Session<C> | null, patch: Partial<AuthState<C>> = {}, status?: AuthStatus): void => {
    session = next;
    generation++;
    if (destroyed) return;
    store.setState({
      status: status ?? (next ? 'authenticated' : 'unauthenticated'),
      claims: next?.access ? next.access.claims : null,
      expiresAt: next?.access ? next.access.expMs - next.offsetMs : null,
      ...patch,
    });
    if (next) scheduler.scheduleAt(refreshDueAt(next, config.leewayMs));
    else scheduler.cancel();
  };

  let tabSync: TabSync | null = null;
  const stored = createSessionStore<C>(storage, config, logger, (value) => tabSync?.publish(value));
  const persist = stored.write;

  /** Takes a session another tab (or client instance) produced. */
  const adopt = (next: Session<C> | null): void => {
    if (next?.access?.raw === session?.access?.raw && sessionKey(next) === sessionKey(session)) return;
    const change = !next ? 'logout' : !session ? 'login' : 'refresh';
    setSession(next, { error: null });
    emit({ type: 'tab-sync', change });
    if (!next) emit({ type: 'logout', source: 'other-tab' });
  };

  const expire = (cause: SimpleJwtClientError, base: Session | null): SimpleJwtClientError => {
    const error = new SessionExpiredError(undefined, { cause, status: cause.status, detail: cause.detail });
    const initializing = store.getState().status === 'initializing';
    // Only the session whose credential was rejected ends: not a newer login, not one that
    // logout already ended.
    if (sessionKey(session) !== sessionKey(base) || (!session && !initializing)) return error;
    void persist(null);
    if (!base) {
      // The httpOnly-cookie probe at start-up found no session: a plain logged-out start.
      setSession(null);
      return error;
    }
    setSession(null, { error });
    emit({ type: 'session-expired', error });
    options.onSessionExpired?.(error);
    return error;
  };

  const refresher = createRefresher({
    locks: platform.locks,
    lockName: `${meetingPoint}:refresh`,
    stealAfterMs: config.stealAfterMs,
    crossTab: config.crossTab,
    timers: platform.timers,
    now,
    random: platform.random,
    retry: config.retry,
    current: () => ({ session, generation }),
    isDue,
    readStored: stored.read,
    request: (base) => endpoints.refresh(base, now),
    adopt,
    commit: async (next) => {
      const rotated = next.refresh !== null && sessionKey(next) !== sessionKey(session);
      await persist(next);
      setSession(next as Session<C>, { error: null });
      emit({ type: 'refresh-success', rotated });
    },
    expire,
    onStart: () => {
      store.setState({ isRefreshing: true });
      emit({ type: 'refresh-start' });
    },
    onSettled: () => {
      if (!destroyed) store.setState({ isRefreshing: false });
    },
    onAttemptFailed: (error, willRetry) => {
      logger.warn(`Refresh failed (${error.code})${willRetry ? '; retrying' : ''}`, error);
      if (!destroyed) store.setState({ error });
      emit({ type: 'refresh-failure', error, willRetry });
    },
  });

  /** Refreshes and returns the new access token. */
  const refreshNow = async (): Promise<string> => {
    const next = await refresher.refresh();
    if (!next.access) throw new NotLoggedInError();
    return next.access.raw;
  };

  // Start-up: a valid stored session makes the client authenticated synchronously, with no request.
  const start = (raw: string | null | undefined): void => {
    const found = stored.decode(raw);
    if (found && !isDue(found)) return setSession(found);
    if (found && !canRefresh(found, now(), config.sliding)) {
      void persist(null, false);
      return setSession(null);
    }
    if (!found && !config.cookieMode) return setSession(null);
    // The access token is due (or, in cookie mode, unknown): one refresh while still initializing.
    session = found;
    generation++;
    refreshNow().catch((error: unknown) => {
      if (store.getState().status !== 'initializing') return;
      if (session) setSession(session, { error: toClientError(error) });
      else setSession(null);
    });
  };

  const ready = new Promise<void>((resolve) => {
    const unsubscribe = store.subscribe((state) => {
      if (state.status !== 'initializing') {
        unsubscribe();
        resolve();
      }
    });
    cleanups.push(() => {
      unsubscribe();
      resolve();
    });
  });

  if (config.crossTab) {
    tabSync = createTabSync(platform, meetingPoint, (value) => {
      const next = value === null ? null : stored.decode(value);
      if (value !== null && !next) return;
      // Keep our own storage in step (split storage holds the access token per tab).
      void persist(next, false);
      adopt(next);
    });
  }
  const onSignal = (): void => {
    if (session && store.getState().status !== 'initializing') {
      if (isDue(session)) background();
      else scheduler.scheduleAt(refreshDueAt(session, config.leewayMs));
    }
  };
  cleanups.push(
    platform.onWake(onSignal),
    platform.onOnline(() => {
      refresher.resetBackoff();
      onSignal();
    }),
  );

  if (stored.initial instanceof Promise) stored.initial.then(start, () => start(null));
  else start(stored.initial);

  const getAccessToken = async (): Promise<string | null> => {
    await ready;
    const current = session;
    if (!current) return null;
    if (current.access && !isDue(current)) return current.access.raw;
    try {
      return await refreshNow();
    } catch (error) {
      // On a flaky network, a token that is due but not yet expired still works.
      const still = session?.access;
      const usable = still && session && serverNow(session, now()) < still.expMs;
      if (usable && isSimpleJwtClientError(error) && error.retryable) return still.raw;
      throw error;
    }
  };

  const fetch = createAuthFetch({
    baseUrl: config.baseUrl,
    allowedOrigins: config.allowedOrigins,
    authHeaderType: config.authHeaderType,
    fetch: platform.fetch,
    getAccessToken,
    tokenAfterRejection: async (rejected) => {
      if (session?.access && session.access.raw !== rejected) return session.access.raw;
      return refreshNow();
    },
  });

  return {
    store,
    baseUrl: config.baseUrl.href,
    getState: store.getState,
    subscribe: store.subscribe,
    on: events.on,
    ready,
    async login(credentials) {
      await ready;
      try {
        const next = (await endpoints.obtain(credentials, now)) as Session<C>;
        refresher.resetBackoff();
        await persist(next);
        setSession(next, { error: null });
        emit({ type: 'login' });
      } catch (raw) {
        const error = toClientError(raw);
        if (!destroyed) store.setState({ error });
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
      const previous = session;
      refresher.resetBackoff();
      await persist(null);
      setSession(null, { error: null });
      emit({ type: 'logout', source: 'this-tab' });
      await endpoints.blacklist(previous).catch((error: unknown) => {
        logger.warn('Could not blacklist the refresh token; the session was cleared locally anyway', error);
      });
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      scheduler.cancel();
      refresher.destroy();
      lifetime.abort();
      tabSync?.close();
      for (const cleanup of cleanups.splice(0)) cleanup();
      events.clear();
    },
  };
}
