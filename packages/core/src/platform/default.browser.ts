import { browserChannel } from './browser-transports.js';
import { composePlatform } from './compose.js';
import type { Channel, Locks, Platform } from './types.js';

/** Without Web Locks (Safari < 15.4) a tab coordinates with itself only: its refresher is single-flight anyway. */
const unlocked: Locks = { request: (_name, _options, task) => task({ waited: false }) };

/** A channel that carries nothing (a worker without BroadcastChannel or localStorage). */
const silent = (): Channel => ({ post() {}, subscribe: () => () => {}, close() {} });

/**
 * The browser build of `detectPlatform` (selected by the `browser` export condition): Web Locks,
 * BroadcastChannel or `storage` events, and no in-process fallbacks, which only Node, SSR and
 * React Native need.
 */
export function detectPlatform(overrides: Partial<Platform> = {}): Platform {
  return composePlatform(overrides, {
    locks: () => unlocked,
    channel: (win, random) => (win && browserChannel(win, random)) || silent,
  });
}
