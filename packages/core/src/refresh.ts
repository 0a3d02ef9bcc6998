import { ApiError, NotLoggedInError, toClientError, type SimpleJwtClientError } from './errors.js';
import type { Locks, Timers, TimerHandle } from './platform/types.js';
import { sessionKey, type Session } from './session.js';

/** What the refresher needs from the client; it owns no session state itself. */
export interface RefreshHost {
  locks: Locks;
  lockName: string;
  stealAfterMs: number;
  /** Coordinate through the lock and re-read the shared storage. */
  crossTab: boolean;
  timers: Timers;
  now(): number;
  random(): number;
  retry: { attempts: number; baseDelay: number; maxDelay: number };
  /** The session this tab holds, and a counter bumped by every change to it (the commit guard). */
  current(): { session: Session | null; generation: number };
  /** Whether this session's access token is due for refresh. */
  isDue(session: Session): boolean;
  /** The session in shared storage; undefined when the storage cannot be read. */
  readStored(): Promise<Session | null | undefined>;
  /** Calls the refresh endpoint with `session`'s credential (null: the httpOnly cookie alone). */
  request(session: Session | null): Promise<Session>;
  /** Takes over a session another tab wrote (null: it logged out). */
  adopt(session: Session | null): void;
  /** Stores, broadcasts and publishes a freshly refreshed session. */
  commit(session: Session): Promise<void>;
  /** Ends `base`'s session after the server rejected its refresh credential; returns the error to throw. */
  expire(error: SimpleJwtClientError, base: Session | null): SimpleJwtClientError;
  /** A new refresh flight starts (not called for callers joining one). */
  onStart(): void;
  /** The flight ended, either way. */
  onSettled(): void;
  /** Reports a failed attempt. */
  onAttemptFailed(error: SimpleJwtClientError, willRetry: boolean): void;
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

/** A 401 or 400 from the refresh endpoint means the credential is dead: expired, blacklisted or invalid. */
function endsSession(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 401 || error.status === 400);
}

export function createRefresher(host: RefreshHost): Refresher {
  let inflight: Promise<Session> | null = null;
  let failure: { error: SimpleJwtClientError; at: number } | null = null;
  let sleeping: { handle: TimerHandle; reject: (error: unknown) => void } | null = null;
  let destroyed = false;

  /** Resolves with the current session when another change made our result obsolete. */
  const obsolete = (): Session => {
    const { session } = host.current();
    if (session && !host.isDue(session)) return session;
    throw new NotLoggedInError('The session changed while refreshing; the refresh result was discarded');
  };

  /** `stale` is the access token this flight set out to replace. */
  const attempt = async (stale: string | undefined): Promise<Session> => {
    let base = host.current().session;
    if (host.crossTab) {
      const stored = await host.readStored();
      if (stored !== undefined && sessionKey(stored) !== sessionKey(base)) {
        host.adopt(stored);
        if (!stored) throw new NotLoggedInError('Logged out in another tab');
        base = stored;
      }
    }
    // Another tab or instance already replaced the token while we waited for the lock: use its result.
    if (base && base.access?.raw !== stale && !host.isDue(base)) return base;
    const generation = host.current().generation;
    let next: Session;
    try {
      next = await host.request(base);
    } catch (error) {
      if (endsSession(error)) throw host.expire(error, base);
      throw error;
    }
    // Commit guard: logout, login or another tab's session arrived while the request was out.
    if (host.current().generation !== generation) return obsolete();
    if (host.crossTab) {
      const stored = await host.readStored();
      if (stored !== undefined && sessionKey(stored) !== sessionKey(base)) {
        host.adopt(stored);
        return obsolete();
      }
    }
    await host.commit(next);
    return next;
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const handle = host.timers.setTimeout(() => {
        sleeping = null;
        resolve();
      }, ms);
      sleeping = { handle, reject };
    });

  const backoff = (attemptNumber: number): number => {
    const ceiling = Math.min(host.retry.maxDelay, host.retry.baseDelay * 2 ** (attemptNumber - 1));
    return ceiling / 2 + (host.random() * ceiling) / 2;
  };

  const run = async (stale: string | undefined): Promise<Session> => {
    for (let attemptNumber = 1; ; attemptNumber++) {
      try {
        const session = host.crossTab
          ? await host.locks.request(host.lockName, { stealAfterMs: host.stealAfterMs }, () => attempt(stale))
          : await attempt(stale);
        failure = null;
        return session;
      } catch (raw) {
        const error = toClientError(raw);
        const willRetry = error.retryable && attemptNumber < host.retry.attempts && !destroyed;
        if (error.code !== 'session_expired' && error.code !== 'not_logged_in') host.onAttemptFailed(error, willRetry);
        if (!willRetry) {
          if (error.retryable) failure = { error, at: host.now() };
          throw error;
        }
        await sleep(backoff(attemptNumber));
      }
    }
  };

  return {
    refresh() {
      if (destroyed) return Promise.reject(new NotLoggedInError('The auth client was destroyed'));
      if (inflight) return inflight;
      if (failure && host.now() - failure.at < failureCooldownMs) return Promise.reject(failure.error);
      host.onStart();
      inflight = run(host.current().session?.access?.raw).finally(() => {
        inflight = null;
        host.onSettled();
      });
      return inflight;
    },
    resetBackoff() {
      failure = null;
    },
    destroy() {
      destroyed = true;
      if (sleeping) {
        host.timers.clearTimeout(sleeping.handle);
        sleeping.reject(new NotLoggedInError('The auth client was destroyed'));
        sleeping = null;
      }
    },
  };
}
