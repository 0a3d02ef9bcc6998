import type { ResolvedOptions } from './options.js';
import type { Session } from './session.js';
import { decodeSession, encodeSession } from './session-codec.js';
import type { MaybePromise, StorageAdapter } from './storage/adapter.js';
import type { Logger } from './types.js';

/** Tells other tabs what was written: the encoded session, or null with why it ended. */
export type Publish = (value: string | null, reason?: string) => void;

/** The session as kept in storage and shared with other tabs. */
export interface SessionPersistence<C extends object> {
  /** The stored value as read at creation: synchronous for sync storage, so start-up can be too. */
  readonly initial: MaybePromise<string | null | undefined>;
  /** Decodes a stored or broadcast value; a corrupted or foreign one is dropped with a warning. */
  decode(raw: string | null | undefined): Session<C> | null;
  /** The session in storage now; undefined when the stored record cannot tell. */
  read(): Promise<Session<C> | null | undefined>;
  /**
   * Stores `next` (null: removes it) and tells the other tabs, with `reason` when the server ended
   * the session; `broadcast: false` only keeps this tab's storage in step.
   */
  write(next: Session | null, options?: { broadcast?: boolean; reason?: string }): Promise<void>;
}

/** Creates the persistence of one client over its (guarded) storage; `publish` reaches the other tabs. */
export function createSessionPersistence<C extends object>(
  storage: StorageAdapter,
  config: Pick<ResolvedOptions, 'storageKey' | 'cookieMode'>,
  logger: Logger,
  publish: Publish,
): SessionPersistence<C> {
  const key = config.storageKey;
  const decode = (raw: string | null | undefined): Session<C> | null => {
    if (raw === null || raw === undefined) return null;
    try {
      return decodeSession<C>(raw, config.cookieMode);
    } catch (error) {
      logger.warn('Discarded a foreign stored value', error);
      void storage.removeItem(key);
      return null;
    }
  };
  return {
    initial: storage.getItem(key),
    decode,
    async read() {
      const stored = decode(await storage.getItem(key));
      // A record without tokens (cookie mode over split storage) says nothing about the session.
      return stored && !stored.access && !stored.refresh ? undefined : stored;
    },
    async write(next, { broadcast = true, reason } = {}) {
      const value = next ? encodeSession(next) : null;
      if (value === null) await storage.removeItem(key);
      else await storage.setItem(key, value);
      if (broadcast) publish(value, reason);
    },
  };
}
