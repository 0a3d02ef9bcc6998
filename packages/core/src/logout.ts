import { LogoutRefusedError, type SimpleJwtClientError } from './errors.js';
import type { Emitter } from './events.js';
import type { ResolvedOptions } from './options.js';
import type { Locks } from './platform/types.js';
import type { Refresher } from './refresher.js';
import type { Session } from './session.js';
import type { SessionOwner } from './session-owner.js';
import type { Revocation, TokenEndpoints } from './token-endpoints.js';
import type { Logger, RevocationOutcome } from './types.js';

/** Everything logout coordinates. */
export interface LogoutParts {
  config: ResolvedOptions;
  owner: SessionOwner<object>;
  refresher: Pick<Refresher, 'idle' | 'resetBackoff'>;
  endpoints: Pick<TokenEndpoints, 'revoke'>;
  locks: Locks;
  lockName: string;
  events: Emitter;
  logger: Logger;
}

const rank: Record<RevocationOutcome, number> = { 'not-configured': 0, revoked: 1, unreachable: 2, refused: 3 };

/** The worst of several revocations decides what logout reports. */
function worst(results: Revocation[]): Revocation {
  return results.reduce<Revocation>((a, b) => (rank[b.outcome] > rank[a.outcome] ? b : a), {
    outcome: 'not-configured',
  });
}

/**
 * Creates `logout()`. The session ends here at once (the UI need not wait); then, holding the
 * refresh lock so that no tab is mid-refresh, the stored session is removed and the other tabs are
 * told; last, every refresh token the session was seen with — before logout, in storage (another
 * tab may have rotated it), or from a refresh that was in flight (the owner revokes those itself)
 * — is revoked.
 */
export function createLogout({ config, owner, refresher, endpoints, locks, lockName, events, logger }: LogoutParts) {
  return async (): Promise<void> => {
    const previous = owner.beginLogout();
    refresher.resetBackoff();
    let stored: Session | null | undefined;
    try {
      // This tab's refresh in flight settles first (its result is revoked as obsolete), then any
      // other tab's: it holds the lock until its result is committed or revoked.
      await refresher.idle();
      stored = config.crossTab
        ? await locks.request(lockName, { stealAfterMs: config.stealAfterMs }, () => owner.clearStored())
        : await owner.clearStored();
      await owner.revocationsSettled();
    } finally {
      owner.endLogout();
    }
    const tokens = new Set([previous?.refresh?.raw, stored?.refresh?.raw].filter((t): t is string => !!t));
    const hadSession = previous !== null || !!stored;
    const results = hadSession
      ? config.cookieMode
        ? [await endpoints.revoke(null)]
        : await Promise.all([...tokens].map((token) => endpoints.revoke(token)))
      : [];
    const result = worst(results);
    const error: SimpleJwtClientError | undefined =
      result.outcome === 'refused'
        ? new LogoutRefusedError(`The server refused to revoke the session (HTTP ${result.error.status})`, {
            status: result.error.status,
            detail: result.error.detail,
            cause: result.error,
          })
        : result.outcome === 'unreachable'
          ? result.error
          : undefined;
    if (hadSession) events.emit({ type: 'logout-revocation', outcome: result.outcome, ...(error ? { error } : {}) });
    if (result.outcome === 'unreachable')
      logger.warn('Logout could not reach the server; session cleared locally', error);
    if (result.outcome === 'refused') {
      logger.error('The server refused logout: the refresh token may still be valid', error);
      owner.fail(error!);
      throw error;
    }
  };
}
