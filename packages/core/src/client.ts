import { isSharedStorage, storageScope } from './coordination/scope.js';
import { createTabSync, type TabSync } from './coordination/tab-sync.js';
import { NotLoggedInError, SessionExpiredError, isSimpleJwtClientError, toClientError } from './errors.js';
import { createTokenEndpoints } from './endpoints.js';
import { createEmitter } from './events.js';
import { createAuthFetch } from './fetch.js';
import { createLogger } from './logger.js';
import { resolveOptions } from './options.js';
import { browserWindow } from './platform/browser.js';
import { detectPlatform } from './platform/default.js';
import { createRefresher } from './refresh.js';
import { createScheduler } from './scheduler.js';
import { canRefresh, isDue, refreshDueAt, serverNow, sessionKey, type Session } from './session.js';
import { createSessionStore } from './session-store.js';
import { defaultStorage } from './storage/default.js';
import { guardStorage } from './storage/guard.js';
import { createAuthStore } from './store.js';
import type { AuthClient, AuthClientOptions, AuthState, Unsubscribe } from './types.js';

/**
 * Creates a token manager for a Django REST Framework API secured by SimpleJWT.
 * @example
 * const auth = createAuthClient({ baseUrl: 'https://api.example.com/' });
 * await auth.login({ username: 'alice', password: '…' });
 * const me = await (await auth.fetch('api/me/')).json();
 */
export function createAuthClient<C extends object = object>(options: AuthClientOptions<C>): AuthClient<C> {
  const config = resolveOptions(options);
  const { leewayMs, cookieMode, crossTab } = config;
  const platform = detectPlatform(options.platform);
  const logger = createLogger(options.logger);
  const store = createAuthStore<C>();
  const { getState, setState, subscribe } = store;
  const cleanups: Unsubscribe[] = [];
  const lifetime = new AbortController();
  const now = (): number => platform.clock.now();
  const endpoints = createTokenEndpoints(config, { platform, timeoutMs: config.timeoutMs, signal: lifetime.signal });

  let session: Session<C> | null = null;
  let generation = 0;
  let destroyed = false;

  const events = createEmitter(logger);
  const emit = events.emit;
  const initializing = (): boolean => getState().status === 'initializing';
  /** Sets state unless destroyed. */
  const update = (patch: Partial<AuthState<C>>): void => {
    if (!destroyed) setState(patch);
  };

  const rawStorage = options.storage ?? defaultStorage();
  // Only clients that share the session coordinate; the lock and channel names say which. In a
  // browser an httpOnly refresh cookie is shared by every tab of the origin, whatever the storage.
  const cookieShared = cookieMode && browserWindow() !== undefined;
  const scope = cookieShared ? `cookie:${config.urls.refresh}` : storageScope(rawStorage);
  const meetingPoint = `${config.storageKey}@${scope}`;
  const storage = guardStorage(rawStorage, (error, operation) => {
    logger.warn(`Storage failed (${operation}); session kept in memory`, error);
    emit({ type: 'storage-degraded', error });
  });

  const due = (s: Session): boolean => isDue(s, leewayMs, now());
  /** Refreshes in the background when due, else (re)schedules; called by the timer and on wake-up or online signals. */
  const check = (): void => {
    if (!session || destroyed || initializing()) return;
    if (due(session)) refresher.refresh().catch(() => undefined);
    else scheduler.scheduleAt(refreshDueAt(session, leewayMs));
  };
  const scheduler = createScheduler(platform.clock, platform.timers, check);

  /** Resolvers of {@link RefreshHost.changed} waits. */
  const waiters = new Set<() => void>();
  const wake = (): void => [...waiters].forEach((done) => done());

  const setSession = (next: Session<C> | null, patch: Partial<AuthState<C>> = {}): void => {
    session = next;
    generation++;
    wake();
    const access = next?.access;
    update({
      status: next ? 'authenticated' : 'unauthenticated',
      claims: access ? access.claims : null,
      expiresAt: access ? access.expMs - next!.offsetMs : null,
      ...patch,
    });
    if (destroyed) return;
    if (next) scheduler.scheduleAt(refreshDueAt(next, leewayMs));
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

  const refresher = createRefresher(config, platform, `${meetingPoint}:refresh`, endpoints, stored, {
    shared: cookieShared || isSharedStorage(rawStorage),
    current: () => ({ session, generation }),
    adopt,
    changed: (ms) =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          waiters.delete(done);
          platform.timers.clearTimeout(handle);
          resolve();
        };
        const handle = platform.timers.setTimeout(done, ms);
        waiters.add(done);
      }),
    async commit(next) {
      const rotated = next.refresh !== null && sessionKey(next) !== sessionKey(session);
      await persist(next);
      setSession(next as Session<C>, { error: null });
      emit({ type: 'refresh-success', rotated });
    },
    expire(cause, base) {
      const error = new SessionExpiredError(undefined, { cause, status: cause.status, detail: cause.detail });
      // Only the session whose credential was rejected ends: not a newer login, not one that
      // logout already ended.
      if (sessionKey(session) !== sessionKey(base) || (!session && !initializing())) return error;
      void persist(null);
      // Without a base, the httpOnly-cookie probe at start-up found no session: a plain logged-out start.
      setSession(null, base ? { error } : {});
      if (base) {
        emit({ type: 'session-expired', error });
        options.onSessionExpired?.(error);
      }
      return error;
    },
    busy(isRefreshing) {
      update({ isRefreshing });
      if (isRefreshing) emit({ type: 'refresh-start' });
    },
    failed(error, willRetry) {
      logger.warn(`Refresh failed (${error.code})${willRetry ? '; retrying' : ''}`, error);
      update({ error });
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
    if (found && !due(found)) return setSession(found);
    if (found && !canRefresh(found, now(), config.sliding)) {
      void persist(null, false);
      return setSession(null);
    }
    if (!found && !cookieMode) return setSession(null);
    // The access token is due (or, in cookie mode, unknown): one refresh while still initializing.
    session = found;
    generation++;
    refreshNow().catch((error: unknown) => {
      if (initializing()) setSession(session, session ? { error: toClientError(error) } : {});
    });
  };

  const ready = new Promise<void>((resolve) => {
    const unsubscribe = subscribe(() => {
      if (initializing()) return;
      unsubscribe();
      resolve();
    });
    cleanups.push(unsubscribe, resolve);
  });

  if (crossTab) {
    tabSync = createTabSync(platform, meetingPoint, (value) => {
      const next = stored.decode(value);
      if (value !== null && !next) return;
      // Keep our own storage in step (split storage holds the access token per tab).
      void persist(next, false);
      adopt(next);
    });
  }
  cleanups.push(
    platform.onWake(check),
    platform.onOnline(() => {
      refresher.resetBackoff();
      check();
    }),
  );

  const initial = stored.initial;
  if (initial instanceof Promise) initial.then(start, () => start(null));
  else start(initial);

  const getAccessToken = async (): Promise<string | null> => {
    await ready;
    const current = session;
    if (!current) return null;
    if (current.access && !due(current)) return current.access.raw;
    try {
      return await refreshNow();
    } catch (error) {
      // On a flaky network, a token that is due but not yet expired still works.
      const still = session?.access;
      if (still && serverNow(session!, now()) < still.expMs && isSimpleJwtClientError(error) && error.retryable)
        return still.raw;
      throw error;
    }
  };

  const fetch = createAuthFetch(config, platform.fetch, getAccessToken, async (rejected) => {
    const raw = session?.access?.raw;
    return raw && raw !== rejected ? raw : refreshNow();
  });

  return {
    store,
    baseUrl: config.baseUrl.href,
    getState,
    subscribe,
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
        update({ error });
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
        logger.warn('Blacklist failed; session cleared locally', error);
      });
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      scheduler.cancel();
      refresher.destroy();
      wake();
      lifetime.abort();
      tabSync?.close();
      for (const cleanup of cleanups.splice(0)) cleanup();
      events.clear();
    },
  };
}
