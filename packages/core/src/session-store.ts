import type { ResolvedOptions } from './options.js';
import { decodeSession, encodeSession, type Session } from './session.js';
import type { MaybePromise, StorageAdapter } from './storage/adapter.js';
import type { Logger } from './types.js';

/** The session as kept in storage and shared with other tabs. */
export interface SessionStore<C extends object> {
  /** The stored value as read at creation: synchronous for sync storage, so start-up can be too. */
  readonly initial: MaybePromise<string | null | undefined>;
  /** Decodes a stored or broadcast value; a corrupted or foreign one is dropped with a warning. */
  decode(raw: string | null | undefined): Session<C> | null;
  /** The session in storage now; undefined when the stored record cannot tell. */
  read(): Promise<Session<C> | null | undefined>;
  /** Stores `next` (null: removes it) and, unless `broadcast` is false, tells the other tabs. */
  write(next: Session | null, broadcast?: boolean): Promise<void>;
}

export function createSessionStore<C extends object>(
  storage: StorageAdapter,
  config: Pick<ResolvedOptions, 'storageKey' | 'cookieMode'>,
  logger: Logger,
  publish: (value: string | null) => void,
): SessionStore<C> {
  const key = config.storageKey;
  const decode = (raw: string | null | undefined): Session<C> | null => {
    if (raw === null || raw === undefined) return null;
    try {
      return decodeSession<C>(raw, config.cookieMode);
    } catch (error) {
      logger.warn('Discarded a corrupted or foreign value in storage', error);
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
    async write(next, broadcast = true) {
      const value = next ? encodeSession(next) : null;
      if (value === null) await storage.removeItem(key);
      else await storage.setItem(key, value);
      if (broadcast) publish(value);
    },
  };
}
