import { browserChannel } from './browser-transports.js';
import { composePlatform } from './compose.js';
import { sharedMemoryBus } from './memory-channel.js';
import { sharedMemoryLocks } from './memory-locks.js';
import type { Platform } from './types.js';

/**
 * Builds the {@link Platform} for the current environment (browser, React Native, Node or SSR),
 * detected when called; members given in `overrides` replace the detected ones. Where a browser
 * API is missing, clients of one process coordinate through an in-process lock and bus.
 */
export function detectPlatform(overrides: Partial<Platform> = {}): Platform {
  return composePlatform(overrides, {
    locks: sharedMemoryLocks,
    channel(win, random) {
      // Outside a browser window (Node, SSR) a BroadcastChannel would link unrelated server-side
      // clients and keep the process alive, so only browsers get the cross-tab transports.
      const opener = win && browserChannel(win, random);
      if (opener) return opener;
      const bus = sharedMemoryBus();
      return (name) => bus.open(name);
    },
  });
}
