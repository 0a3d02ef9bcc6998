import { type EventTargetLike, readGlobal, writableLocalStorage } from './browser.js';
import { type BroadcastChannelConstructor, broadcastChannel, storageEventChannel } from './browser-channel.js';
import type { Channel } from './types.js';

/** BroadcastChannel, else `storage` events over localStorage; undefined when the window has neither. */
export function browserChannel(win: EventTargetLike, random: () => number): ((name: string) => Channel) | undefined {
  const Ctor = readGlobal('BroadcastChannel') as BroadcastChannelConstructor | undefined;
  if (typeof Ctor === 'function') return (name) => broadcastChannel(Ctor, name);
  const storage = writableLocalStorage();
  if (storage) return (name) => storageEventChannel(win, storage, name, random);
}
