import type { Platform } from '../platform/types.js';

/** Tells the other tabs (and client instances sharing the storage) about session changes. */
export interface TabSync {
  /** Sends the new encoded session, or null after logout or expiry (with the server's `reason` when it ended the session). */
  publish(value: string | null, reason?: string): void;
  /** Leaves the channel. */
  close(): void;
}

const kind = 'simplejwt-client/session';

/** A session message: `value` is the encoded session, or null after logout or expiry. */
interface SessionMessage {
  kind: typeof kind;
  value: string | null;
  reason?: string;
}

/**
 * Messages carry the whole encoded session, not just "something changed", so a tab whose storage
 * keeps the access token in memory only (split storage) can adopt the new tokens without a refresh.
 */
export function createTabSync(
  platform: Platform,
  name: string,
  onRemote: (value: string | null, reason: string | undefined) => void,
): TabSync {
  const channel = platform.openChannel(`${name}:session`);
  const unsubscribe = channel.subscribe((message) => {
    const { kind: received, value, reason } = (message ?? {}) as Partial<SessionMessage>;
    if (received !== kind || !(value === null || typeof value === 'string')) return;
    onRemote(value, typeof reason === 'string' ? reason : undefined);
  });
  return {
    publish(value, reason) {
      channel.post({ kind, value, ...(reason ? { reason } : {}) } satisfies SessionMessage);
    },
    close() {
      unsubscribe();
      channel.close();
    },
  };
}
