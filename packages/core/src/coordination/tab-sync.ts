import type { Platform } from '../platform/types.js';

/** Tells the other tabs (and client instances sharing the storage) about session changes. */
export interface TabSync {
  /** Sends the new encoded session, or null after logout or expiry. */
  publish(value: string | null): void;
  /** Leaves the channel. */
  close(): void;
}

interface SessionMessage {
  kind: 'simplejwt-client/session';
  value: string | null;
}

function isSessionMessage(message: unknown): message is SessionMessage {
  const m = message as SessionMessage | null;
  return (
    typeof m === 'object' && m !== null && m.kind === 'simplejwt-client/session' && (m.value === null || typeof m.value === 'string')
  );
}

/**
 * Messages carry the whole encoded session, not just "something changed", so a tab whose storage
 * keeps the access token in memory only (split storage) can adopt the new tokens without a refresh.
 */
export function createTabSync(platform: Platform, name: string, onRemote: (value: string | null) => void): TabSync {
  const channel = platform.openChannel(`${name}:session`);
  const unsubscribe = channel.subscribe((message) => {
    if (isSessionMessage(message)) onRemote(message.value);
  });
  return {
    publish(value) {
      channel.post({ kind: 'simplejwt-client/session', value } satisfies SessionMessage);
    },
    close() {
      unsubscribe();
      channel.close();
    },
  };
}
