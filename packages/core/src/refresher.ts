import { NotLoggedInError, type SimpleJwtClientError, toClientError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { Platform, TimerHandle } from './platform/types.js';
import { planRefresh } from './refresh-timing.js';
import { canRefresh, type Session } from './session.js';
import type { SessionOwner } from './session-owner.js';
import type { TokenEndpoints } from './token-endpoints.js';

/** Single-flight refresh with backoff and cross-tab locking; what a result means is the owner's call. */
export interface Refresher {
  /**
   * Refreshes, or joins the refresh in flight. `due`: the token is merely due, so the request may
   * wait (under a second) for the moment that gains the most lifetime; `now`: send at once.
   */
  refresh(mode?: 'due' | 'now'): Promise<Session>;
  /** Settles when no refresh of this client is in flight. */
  idle(): Promise<void>;
  /** Forgets the last failure so the next call tries at once (network back, page woke up). */
  resetBackoff(): void;
  /** Stops any backoff wait; later calls reject. */
  destroy(): void;
}

/** How long a failed refresh is remembered, so that callers arriving after it don't stampede the server. */
const failureCooldownMs = 5_000;

/**
 * Creates the refresher of one client: it calls `endpoints.refresh`, coordinating through
 * `platform.locks` under `lockName` when `config.crossTab` is on, and hands every result to `owner`.
 */
export function createRefresher(
  { crossTab, retry, leewayMs, stealAfterMs, sliding }: ResolvedOptions,
  { locks, timers, clock, random }: Platform,
  lockName: string,
  endpoints: Pick<TokenEndpoints, 'refresh'>,
  owner: SessionOwner<object>,
): Refresher {
  let inflight: Promise<Session> | null = null;
  let failure: { error: SimpleJwtClientError; at: number } | null = null;
  let sleeping: { handle: TimerHandle; reject: (error: unknown) => void } | null = null;
  let destroyed = false;
  const now = (): number => clock.now();
  const destroyedError = (): NotLoggedInError => new NotLoggedInError('Client destroyed');

  const sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const handle = timers.setTimeout(() => {
        sleeping = null;
        resolve();
      }, ms);
      sleeping = { handle, reject };
    });

  /** `stale` is the access token this flight set out to replace. */
  const attempt = async (stale: string | undefined, mode: 'due' | 'now', waited = false): Promise<Session> => {
    const found = await owner.syncFromStorage(owner.session);
    let base = found ?? owner.session;
    // Another tab held the lock first, yet this tab sees no new session: its result may still be on
    // the way (localStorage reaches other processes asynchronously; an httpOnly cookie is not
    // readable at all). It posted the session before releasing the lock, so wait for it briefly.
    if (waited && !found && base?.access?.raw === stale) base = await owner.handoff(base);
    // Logged out (here, or in another tab) while this flight waited: nothing to refresh.
    if (!base && !owner.initializing()) throw owner.endedBy ?? new NotLoggedInError();
    // Another tab or instance already replaced the token while we waited for the lock: use its result.
    if (base && base.access?.raw !== stale && !owner.isDue(base)) return base;
    // A credential known to be dead is not sent (an expired refresh token, a sliding token past refresh_exp).
    if (base && !canRefresh(base, now(), sliding)) throw owner.end(base, 'token_not_valid');
    if (mode === 'due' && base) {
      const wait = planRefresh(base, leewayMs, sliding).sendAt - now();
      if (wait > 0) await sleep(wait);
    }
    const { generation } = owner;
    let next: Session;
    try {
      next = await endpoints.refresh(base);
    } catch (error) {
      return owner.rejectRefresh(base, toClientError(error), waited);
    }
    return owner.settleRefresh(base, generation, next);
  };

  const run = async (stale: string | undefined, mode: 'due' | 'now'): Promise<Session> => {
    for (let attemptNumber = 1; ; attemptNumber++) {
      try {
        const session = await (crossTab
          ? locks.request(lockName, { stealAfterMs }, ({ waited }) => attempt(stale, mode, waited))
          : attempt(stale, mode));
        failure = null;
        return session;
      } catch (raw) {
        const error = toClientError(raw);
        const { retryable, code } = error;
        const willRetry = retryable && attemptNumber < retry.attempts && !destroyed;
        if (code !== 'session_expired' && code !== 'not_logged_in') owner.refreshFailed(error, willRetry);
        if (!willRetry) {
          if (retryable) failure = { error, at: now() };
          throw error;
        }
        // Exponential backoff with jitter: between half and all of the ceiling.
        const ceiling = Math.min(retry.maxDelay, retry.baseDelay * 2 ** (attemptNumber - 1));
        await sleep(ceiling / 2 + (random() * ceiling) / 2);
      }
    }
  };

  return {
    refresh(mode = 'now') {
      if (destroyed) return Promise.reject(destroyedError());
      if (inflight) return inflight;
      if (failure && now() - failure.at < failureCooldownMs) return Promise.reject(failure.error);
      owner.refreshing(true);
      inflight = run(owner.session?.access?.raw, mode).finally(() => {
        inflight = null;
        owner.refreshing(false);
      });
      return inflight;
    },
    async idle() {
      await inflight?.catch(() => undefined);
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
