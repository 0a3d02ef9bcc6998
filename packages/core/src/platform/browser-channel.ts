import { listen, type EventTargetLike } from './browser.js';
import { listenerChannel } from './channel.js';
import type { Channel } from './types.js';

/** The part of the `BroadcastChannel` constructor the platform uses. */
export type BroadcastChannelConstructor = new (
  name: string,
) => {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
};

/** A {@link Channel} over `BroadcastChannel`, which reaches every other same-origin tab. */
export function broadcastChannel(Ctor: BroadcastChannelConstructor, name: string): Channel {
  const native = new Ctor(name);
  const [channel, deliver] = listenerChannel(
    (message) => native.postMessage(message),
    () => native.close(),
  );
  native.addEventListener('message', (event) => deliver(event.data));
  return channel;
}

/** The part of `localStorage` the storage-event channel uses. */
export interface StorageLike {
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * A {@link Channel} over `storage` events, for browsers without BroadcastChannel: a post writes and
 * immediately removes `<name>:msg`, which fires a `storage` event in every other tab.
 */
export function storageEventChannel(
  win: EventTargetLike,
  storage: StorageLike,
  name: string,
  random: () => number,
): Channel {
  const key = `${name}:msg`;
  // Storage events never reach the tab that wrote, but the id guards against odd embedders anyway.
  const id = random().toString(36).slice(2);
  const [channel, deliver] = listenerChannel(
    (message) => {
      storage.setItem(key, JSON.stringify({ id, message }));
      // Removing right away leaves no residue; the removal's event (newValue null) is ignored.
      storage.removeItem(key);
    },
    () => stopListening(),
  );
  const stopListening = listen(win, 'storage', (event) => {
    const { key: eventKey, newValue } = event as StorageEvent;
    if (eventKey !== key || !newValue) return;
    let envelope: { id?: unknown; message?: unknown } | null;
    try {
      envelope = JSON.parse(newValue) as typeof envelope;
    } catch {
      return;
    }
    if (envelope && envelope.id !== id) deliver(envelope.message);
  });
  return channel;
}
