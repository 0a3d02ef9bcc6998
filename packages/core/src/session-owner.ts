import type { StoreApi } from 'zustand/vanilla';
import {
  NotLoggedInError,
  SessionExpiredError,
  type SessionEndReason,
  type SimpleJwtClientError,
  toClientError,
} from './errors.js';
import type { Emitter } from './events.js';
import type { ResolvedOptions } from './options.js';
import type { Clock, Timers } from './platform/types.js';
import { planRefresh } from './refresh-timing.js';
import { createScheduler } from './scheduler.js';
import { offsetOf } from './server-clock.js';
import { refreshExpiry, type Session, sessionKey } from './session.js';
import type { SessionPersistence } from './session-persistence.js';
import { noRefreshTokenSent, type TokenEndpoints } from './token-endpoints.js';
import type { AuthState, Logger } from './types.js';

/** What the owner needs around it. */
export interface SessionOwnerParts<C extends object> {
  config: ResolvedOptions;
  clock: Clock;
  timers: Timers;
  state: StoreApi<AuthState<C>>;
  persistence: SessionPersistence<C>;
  endpoints: Pick<TokenEndpoints, 'revoke'>;
  events: Emitter;
  logger: Logger;
  /** Whether other browsing contexts share the session, so their results can arrive late. */
  shared: boolean;
  /** The session is due and in use: refresh it (the refresher's job). */
  onDue: () => void;
  onSessionExpired?: (error: SessionExpiredError) => void;
}

/**
 * The one owner of the session: it holds the current session and computes every transition —
 * started, logged in, refreshed, adopted from another tab, ended by the server, logged out — in
 * one place, including what happens to a refresh token whose session ended while it was being
 * issued (it is revoked, never dropped).
 */
export interface SessionOwner<C extends object> {
  /** The current session, or null. */
  readonly session: Session<C> | null;
  /** Bumped by every change of session: a refresh result checks it before it commits. */
  readonly generation: number;
  /** Why the server ended the last session, until the next one starts; callers that find no session throw it. */
  readonly endedBy: SessionExpiredError | null;
  /** The first session, read from storage at start-up; `refreshing` keeps the status `initializing` until a refresh settles. */
  start(found: Session<C> | null, refreshing: boolean): void;
  /** The start-up refresh failed without ending the session (network, 5xx): keep the stored session. */
  startFailed(error: SimpleJwtClientError): void;
  /** Whether start-up is still deciding the status. */
  initializing(): boolean;
  /** Stores and publishes a session obtained by login; the session it replaces (here or in storage) is revoked. */
  login(next: Session<C>): Promise<void>;
  /**
   * Commits a refresh result obtained from `base` when nothing changed meanwhile (`generation`, the
   * stored session); otherwise revokes the result and returns the session that replaced it.
   */
  settleRefresh(base: Session | null, generation: number, next: Session): Promise<Session>;
  /** Handles a refresh rejected with 400/401: adopts another tab's newer session, or ends this one. */
  rejectRefresh(base: Session | null, error: SimpleJwtClientError, waited: boolean): Promise<Session>;
  /** Adopts the stored session when another tab changed it and returns it; undefined when unchanged; throws when another tab logged out. */
  syncFromStorage(base: Session | null): Promise<Session | undefined>;
  /** Waits (bounded) for another tab's session to reach this one; returns the session then. */
  handoff(base: Session | null): Promise<Session | null>;
  /** Takes a session another tab published (null: it logged out, or the server ended it for `reason`). */
  adopt(next: Session<C> | null, reason?: string): void;
  /** Ends `base`'s session because the server rejected it; returns the error to throw. */
  end(base: Session | null, reason: SessionEndReason, cause?: SimpleJwtClientError): SessionExpiredError;
  /** Ends the session a request was made with when the server rejected its account (`user_inactive`, …); null when the session changed meanwhile. */
  endForAccount(token: string, cause: SimpleJwtClientError): SessionExpiredError | null;
  /** Clears the session here at once (logout); returns the session that was current. Other tabs learn of it from {@link clearStored}. */
  beginLogout(): Session<C> | null;
  /** Removes the stored session and tells the other tabs; returns the stored one (the latest any tab committed). */
  clearStored(): Promise<Session | null | undefined>;
  /** Ends a logout: sessions other tabs publish are adopted again. */
  endLogout(): void;
  /** Whether `session`'s access token is due for refresh (see {@link planRefresh}). */
  isDue(session: Session): boolean;
  /** The session is being used (a request or `getAccessToken()`): it will be refreshed ahead of expiry. */
  markUsed(): void;
  /** Re-checks timing now: the timer fired, the page woke up or came back online. */
  check(): void;
  /** A refresh flight started (true) or ended (false). */
  refreshing(busy: boolean): void;
  /** Reports a failed refresh attempt. */
  refreshFailed(error: SimpleJwtClientError, willRetry: boolean): void;
  /** Records the last error of login or logout in the state. */
  fail(error: SimpleJwtClientError): void;
  /** Waits for the revocations of discarded refresh results started so far. */
  revocationsSettled(): Promise<void>;
  /** Stops the timer and any waits. */
  destroy(): void;
}

/** How long a tab waits for the session of a tab that refreshed before it. */
const handoffMs = 1_000;

/** Creates the owner of one client's session. */
export function createSessionOwner<C extends object>(parts: SessionOwnerParts<C>): SessionOwner<C> {
  const { config, clock, state, persistence, events, logger } = parts;
  const { leewayMs, sliding, crossTab, keepAlive } = config;
  const now = (): number => clock.now();
  const scheduler = createScheduler(clock, parts.timers, () => owner.check());
  const waiters = new Set<() => void>();
  const revocations = new Set<Promise<unknown>>();
  let session: Session<C> | null = null;
  let generation = 0;
  let used = false;
  let status: 'initializing' | 'running' | 'destroyed' = 'initializing';
  let loggingOut = 0;
  let endedBy: SessionExpiredError | null = null;

  const publishState = (patch: Partial<AuthState<C>>): void => {
    if (status !== 'destroyed') state.setState(patch);
  };

  /** When (device clock) the refresh credential is dead; Infinity when unknown. */
  const credentialEndsAt = (s: Session): number => refreshExpiry(s, sliding) - offsetOf(s.clock);

  const reschedule = (): void => {
    if (!session || status !== 'running') return scheduler.cancel();
    const plan = planRefresh(session, leewayMs, sliding);
    const endsAt = credentialEndsAt(session);
    const at = used || keepAlive ? Math.min(plan.sendAt, endsAt) : endsAt;
    if (Number.isFinite(at)) scheduler.scheduleAt(at);
    else scheduler.cancel();
  };

  /** The one place a session changes: status, state, waiters, timer. A decided session ends start-up. */
  const apply = (next: Session<C> | null, patch: Partial<AuthState<C>> = {}): void => {
    if (status === 'initializing') status = 'running';
    const tokenChanged = next?.access?.raw !== session?.access?.raw;
    if (next || patch.error === null) endedBy = null;
    session = next;
    generation++;
    if (tokenChanged) used = false;
    for (const done of [...waiters]) done();
    const access = next?.access;
    publishState({
      status: next ? 'authenticated' : 'unauthenticated',
      claims: access ? access.claims : null,
      expiresAt: access ? access.expMs - offsetOf(next.clock) : null,
      ...patch,
    });
    reschedule();
  };

  /** Revokes a refresh token nobody will hold (a discarded result); logout waits for these. */
  const revokeOrphan = (token: string): Promise<unknown> => {
    const revocation = parts.endpoints.revoke(token).then((result) => {
      if (result.outcome !== 'revoked') logger.warn(`Orphan revocation ${result.outcome}`);
    });
    revocations.add(revocation);
    return revocation.finally(() => revocations.delete(revocation));
  };

  /** The stored session when another tab changed it since `base` (null: logged out); undefined when unchanged or not shared. */
  const storedChange = async (base: Session | null): Promise<Session<C> | null | undefined> => {
    if (!crossTab) return;
    const found = await persistence.read();
    return found === undefined || sessionKey(found) === sessionKey(base) ? undefined : found;
  };

  /** The session to use after our result became obsolete. */
  const obsolete = (): Session => {
    if (session && !owner.isDue(session)) return session;
    throw new NotLoggedInError('Session changed while refreshing');
  };

  const owner: SessionOwner<C> = {
    get session() {
      return session;
    },
    get generation() {
      return generation;
    },
    get endedBy() {
      return endedBy;
    },
    initializing: () => status === 'initializing',
    start(found, refreshing) {
      if (refreshing) {
        // Still initializing: the refresh decides the status.
        session = found;
        generation++;
        return;
      }
      apply(found);
    },
    startFailed(error) {
      if (status === 'initializing') apply(session, session ? { error } : {});
    },
    async login(next) {
      const replaced = [session, crossTab ? await persistence.read() : undefined];
      await persistence.write(next);
      // A login over a live session orphans its refresh token: nobody will use or revoke it otherwise.
      for (const token of new Set(replaced.map((s) => s?.refresh?.raw)))
        if (token && token !== next.refresh?.raw) void revokeOrphan(token);
      apply(next, { error: null });
      events.emit({ type: 'login' });
    },
    async settleRefresh(base, since, next) {
      const found = generation === since ? await storedChange(base) : undefined;
      if (generation === since && found === undefined && !loggingOut) {
        const rotated = next.refresh !== null && sessionKey(next) !== sessionKey(base);
        await persistence.write(next);
        apply(next as Session<C>, { error: null });
        events.emit({ type: 'refresh-success', rotated });
        return next;
      }
      // Logout, login or another tab's session arrived while the request was out: the new refresh
      // token belongs to nobody. Revoke it before anyone waiting for the lock goes on.
      const orphan = next.refresh?.raw;
      if (orphan && orphan !== base?.refresh?.raw) await revokeOrphan(orphan);
      if (found !== undefined && !loggingOut) {
        owner.adopt(found as Session<C> | null);
        if (!found) throw new NotLoggedInError('Logged out in another tab');
      }
      return obsolete();
    },
    async rejectRefresh(base, error, waited) {
      if (error.status !== 401 && error.status !== 400) throw error;
      // The credential is dead — unless another tab rotated it and its session has not reached us
      // yet: then it arrives instead (at the cost of up to `handoffMs` before a real expiry shows).
      // A start-up probe that sent no cookie at all has nothing another tab could have rotated.
      const handoff = (waited || parts.shared) && (base !== null || !noRefreshTokenSent(error));
      if (handoff && sessionKey(await owner.handoff(base)) !== sessionKey(base)) return obsolete();
      throw owner.end(base, error.code, error);
    },
    async syncFromStorage(base) {
      if (loggingOut) return;
      const found = await storedChange(base);
      if (found === undefined) return;
      owner.adopt(found);
      if (!found) throw new NotLoggedInError('Logged out in another tab');
      return found;
    },
    async handoff(base) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          waiters.delete(done);
          parts.timers.clearTimeout(handle);
          resolve();
        };
        const handle = parts.timers.setTimeout(done, handoffMs);
        waiters.add(done);
      });
      return (await owner.syncFromStorage(base)) ?? session;
    },
    adopt(next, reason) {
      if (loggingOut && next) return;
      if (next?.access?.raw === session?.access?.raw && sessionKey(next) === sessionKey(session)) return;
      const hadSession = session !== null;
      if (next || !reason) {
        apply(next, { error: null });
        events.emit({ type: 'tab-sync', change: !next ? 'logout' : !hadSession ? 'login' : 'refresh' });
        if (!next && hadSession) events.emit({ type: 'logout', source: 'other-tab' });
        return;
      }
      // Another tab learned that the server ended the session: end it here too, for the same reason.
      if (hadSession) endHere(reason, undefined, 'Session ended in another tab');
    },
    end(base, reason, cause) {
      const error = new SessionExpiredError(reason, undefined, {
        cause,
        status: cause?.status,
        detail: cause?.detail,
      });
      // Only the session whose credential was rejected ends: not a newer login, not one that
      // logout already ended.
      if (sessionKey(session) !== sessionKey(base) || (!session && status !== 'initializing')) return error;
      if (!base) {
        // The httpOnly-cookie probe at start-up found no session: a plain logged-out start.
        apply(null);
        return error;
      }
      void persistence.write(null, { reason });
      return endHere(reason, error);
    },
    endForAccount(token, cause) {
      if (session?.access?.raw !== token) return null;
      return owner.end(session, cause.code, cause);
    },
    beginLogout() {
      const previous = session;
      loggingOut++;
      apply(null, { error: null });
      events.emit({ type: 'logout', source: 'this-tab' });
      return previous;
    },
    async clearStored() {
      const stored = crossTab ? await persistence.read() : undefined;
      await persistence.write(null);
      return stored;
    },
    endLogout() {
      loggingOut--;
    },
    isDue: (s) => now() >= planRefresh(s, leewayMs, sliding).dueAt,
    markUsed() {
      if (used) return;
      used = true;
      if (!keepAlive) reschedule();
    },
    check() {
      if (!session || status !== 'running') return;
      if (now() >= credentialEndsAt(session)) {
        // Nothing will revive it: end it without a request, unless another tab has a newer one.
        const base = session;
        owner
          .syncFromStorage(base)
          .then((found) => found ?? owner.end(base, 'token_not_valid'))
          .catch(() => undefined);
        return;
      }
      if ((used || keepAlive) && now() >= planRefresh(session, leewayMs, sliding).sendAt) parts.onDue();
      else reschedule();
    },
    refreshing(busy) {
      publishState({ isRefreshing: busy } as Partial<AuthState<C>>);
      if (busy) events.emit({ type: 'refresh-start' });
    },
    refreshFailed(error, willRetry) {
      logger.warn(`Refresh failed (${error.code})${willRetry ? '; retrying' : ''}`, error);
      publishState({ error } as Partial<AuthState<C>>);
      events.emit({ type: 'refresh-failure', error, willRetry });
    },
    fail(error) {
      publishState({ error } as Partial<AuthState<C>>);
    },
    async revocationsSettled() {
      await Promise.all([...revocations]);
    },
    destroy() {
      status = 'destroyed';
      scheduler.cancel();
      for (const done of [...waiters]) done();
    },
  };

  /** Ends the session in this tab: state, event, callback. */
  const endHere = (reason: SessionEndReason, given?: SessionExpiredError, message?: string): SessionExpiredError => {
    const error = given ?? new SessionExpiredError(reason, message);
    apply(null, { error });
    endedBy = error;
    events.emit({ type: 'session-expired', error });
    try {
      parts.onSessionExpired?.(error);
    } catch (thrown) {
      logger.error('onSessionExpired threw', toClientError(thrown));
    }
    return error;
  };

  return owner;
}
