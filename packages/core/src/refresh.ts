import type { TokenEndpoints } from './endpoints.js';
import { NotLoggedInError, toClientError, type SimpleJwtClientError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { Platform, TimerHandle } from './platform/types.js';
import { isDue, sessionKey, type Session } from './session.js';
import type { SessionStore } from './session-store.js';

/** What the refresher needs from the client besides its parts; it owns no session state itself. */
export interface RefreshHost {
  /** Whether other browsing contexts (tabs, processes) share the session, so their results can arrive late. */
  shared: boolean;
  /** The session this tab holds, and a counter bumped by every change to it (the commit guard). */
  current(): { session: Session | null; generation: number };
  /** Takes over a session another tab wrote (null: it logged out). */
  adopt(session: Session | null): void;
  /** Settles at the next change of this tab's session, or after `ms`. */
  changed(ms: number): Promise<void>;
  /** Stores, broadcasts and publishes a freshly refreshed session. */
  commit(session: Session): Promise<void>;
  /** Ends `base`'s session after the server rejected its refresh credential; returns the error to throw. */
  expire(error: SimpleJwtClientError, base: Session | null): SimpleJwtClientError;
  /** A new refresh flight starts (true; not called for callers joining one) or ended either way (false). */
  busy(busy: boolean): void;
  /** Reports a failed attempt. */
  failed(error: SimpleJwtClientError, willRetry: boolean): void;
}

/** Single-flight refresh with backoff, cross-tab locking and a commit guard. */
export interface Refresher {
  /** Refreshes, or joins the refresh in flight. */
  refresh(): Promise<Session>;
  /** Forgets the last failure so the next call tries at once (network back, page woke up). */
  resetBackoff(): void;
  /** Stops any backoff wait; later calls reject. */
  destroy(): void;
}

/** How long a failed refresh is remembered, so that callers arriving after it don't stampede the server. */
const failureCooldownMs = 5_000;

/** How long a tab waits for the session of a tab that refreshed before it (see `handoff`). */
const handoffMs = 1_000;

/**
 * Creates the refresher of one client: it calls `endpoints.refresh`, coordinating through
 * `platform.locks` under `lockName` and re-reading `stored` when `config.crossTab` is on.
 */
export function createRefresher(
  { crossTab, retry, leewayMs, stealAfterMs }: ResolvedOptions,
  { locks, timers, clock, random }: Platform,
  lockName: string,
  endpoints: TokenEndpoints,
  stored: SessionStore<object>,
  host: RefreshHost,
): Refresher {
  let inflight: Promise<Session> | null = null;
  let failure: { error: SimpleJwtClientError; at: number } | null = null;
  let sleeping: { handle: TimerHandle; reject: (error: unknown) => void } | null = null;
  let destroyed = false;
  const now = (): number => clock.now();
  const due = (session: Session): boolean => isDue(session, leewayMs, now());
  const destroyedError = (): NotLoggedInError => new NotLoggedInError('Client destroyed');

  /**
   * Adopts the stored session when another tab changed it and returns it; undefined when unchanged
   * (or the storage cannot tell); throws when another tab logged out.
   */
  const syncStored = async (base: Session | null): Promise<Session | undefined> => {
    if (!crossTab) return;
    const found = await stored.read();
    if (found === undefined || sessionKey(found) === sessionKey(base)) return;
    host.adopt(found);
    if (!found) throw new NotLoggedInError('Logged out in another tab');
    return found;
  };

  /** Waits (bounded) for another tab's session to reach this one; returns the session then. */
  const handoff = async (base: Session | null): Promise<Session | null> => {
    await host.changed(handoffMs);
    return (await syncStored(base)) ?? host.current().session;
  };

  /** Resolves with the current session when another change made our result obsolete. */
  const obsolete = (): Session => {
    const { session } = host.current();
    if (session && !due(session)) return session;
    throw new NotLoggedInError('Session changed while refreshing');
  };

  /** `stale` is the access token this flight set out to replace. */
  const attempt = async (stale: string | undefined, waited = false): Promise<Session> => {
    const found = await syncStored(host.current().session);
    let base = found ?? host.current().session;
    // Another tab held the lock first, yet this tab sees no new session: its result may still be on
    // the way (localStorage reaches other processes asynchronously; an httpOnly cookie is not
    // readable at all). It posted the session before releasing the lock, so wait for it briefly.
    if (waited && !found && base?.access?.raw === stale) base = await handoff(base);
    // Another tab or instance already replaced the token while we waited for the lock: use its result.
    if (base && base.access?.raw !== stale && !due(base)) return base;
    const { generation } = host.current();
    let next: Session;
    try {
      next = await endpoints.refresh(base, now);
    } catch (error) {
      // A 401 or 400 from the refresh endpoint means the credential is dead: expired, blacklisted or
      // invalid. Unless another tab rotated it and its session has not reached us yet: then it arrives
      // instead (at the cost of up to `handoffMs` before a real expiry shows).
      const { status } = error as SimpleJwtClientError;
      if (status !== 401 && status !== 400) throw error;
      if ((waited || host.shared) && sessionKey(await handoff(base)) !== sessionKey(base)) return obsolete();
      throw host.expire(error as SimpleJwtClientError, base);
    }
    // Commit guard: logout, login or another tab's session arrived while the request was out.
    if (host.current().generation !== generation || (await syncStored(base)) !== undefined) return obsolete();
    await host.commit(next);
    return next;
  };

  const run = async (stale: string | undefined): Promise<Session> => {
    for (let attemptNumber = 1; ; attemptNumber++) {
      try {
        const session = await (crossTab
          ? locks.request(lockName, { stealAfterMs }, ({ waited }) => attempt(stale, waited))
          : attempt(stale));
        failure = null;
        return session;
      } catch (raw) {
        const error = toClientError(raw);
        const { retryable, code } = error;
        const willRetry = retryable && attemptNumber < retry.attempts && !destroyed;
        if (code !== 'session_expired' && code !== 'not_logged_in') host.failed(error, willRetry);
        if (!willRetry) {
          if (retryable) failure = { error, at: now() };
          throw error;
        }
        // Exponential backoff with jitter: between half and all of the ceiling.
        const ceiling = Math.min(retry.maxDelay, retry.baseDelay * 2 ** (attemptNumber - 1));
        await new Promise<void>((resolve, reject) => {
          const handle = timers.setTimeout(
            () => {
              sleeping = null;
              resolve();
            },
            ceiling / 2 + (random() * ceiling) / 2,
          );
          sleeping = { handle, reject };
        });
      }
    }
  };

  return {
    refresh() {
      if (destroyed) return Promise.reject(destroyedError());
      if (inflight) return inflight;
      if (failure && now() - failure.at < failureCooldownMs) return Promise.reject(failure.error);
      host.busy(true);
      inflight = run(host.current().session?.access?.raw).finally(() => {
        inflight = null;
        host.busy(false);
      });
      return inflight;
    },
    resetBackoff() {
      failure = null;
    },
    destroy() {
      destroyed = true;
      if (sleeping) {
        timers.clearTimeout(sleeping.handle);
        sleeping.reject(destroyedError());
        sleeping = null;
      }
    },
  };
}
