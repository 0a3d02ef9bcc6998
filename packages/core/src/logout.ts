import { LogoutRefusedError } from './errors.js';
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

/** Worst first: the worst of several revocations decides what logout reports. */
const severity: RevocationOutcome[] = ['refused', 'unreachable', 'revoked', 'not-configured'];

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
    const tokens = new Set([previous?.refresh?.raw, stored?.refresh?.raw].filter((t) => t !== undefined));
    // In cookie mode the browser sends the cookie; with no refresh token (sliding) revoke says not-configured.
    const list = previous || stored ? (config.cookieMode || !tokens.size ? [null] : [...tokens]) : [];
    const results: Revocation[] = await Promise.all(list.map((token) => endpoints.revoke(token)));
    const result = severity.map((outcome) => results.find((r) => r.outcome === outcome)).find(Boolean);
    if (!result) return;
    let error = 'error' in result ? result.error : undefined;
    if (result.outcome === 'refused')
      error = new LogoutRefusedError(`Logout refused (HTTP ${error!.status})`, {
        status: error!.status,
        detail: error!.detail,
        cause: error,
      });
    events.emit({ type: 'logout-revocation', outcome: result.outcome, ...(error && { error }) });
    if (error) logger.warn(`Logout ${result.outcome}`, error);
    if (result.outcome === 'refused') {
      owner.fail(error!);
      throw error;
    }
  };
}
