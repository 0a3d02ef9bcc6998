import { listen, type EventTargetLike } from './browser.js';
import type { Channel, Unsubscribe } from './types.js';

/** The part of the `BroadcastChannel` constructor the platform uses. */
export type BroadcastChannelConstructor = new (name: string) => {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
};

/** A {@link Channel} over `BroadcastChannel`, which reaches every other same-origin tab. */
export function broadcastChannel(Ctor: BroadcastChannelConstructor, name: string): Channel {
  const channel = new Ctor(name);
  const removers = new Set<Unsubscribe>();
  let closed = false;
  return {
    post(message) {
      // postMessage throws after close(); a late post from a disposed client is harmless.
      if (!closed) channel.postMessage(message);
    },
    subscribe(listener) {
      if (closed) return () => {};
      const handler = (event: MessageEvent): void => listener(event.data);
      channel.addEventListener('message', handler);
      const remove = (): void => {
        channel.removeEventListener('message', handler);
        removers.delete(remove);
      };
      removers.add(remove);
      return remove;
    },
    close() {
      if (closed) return;
      closed = true;
      for (const remove of [...removers]) remove();
      channel.close();
    },
  };
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
  const listeners = new Set<(message: unknown) => void>();
  // Storage events never reach the tab that wrote, but ids guard against odd embedders anyway.
  const ownIds = new Set<string>();
  let closed = false;
  let counter = 0;

  const onStorage = (event: Event): void => {
    const { key: eventKey, newValue } = event as StorageEvent;
    if (eventKey !== key || newValue === null || newValue === undefined) return;
    let envelope: { id?: unknown; message?: unknown };
    try {
      envelope = JSON.parse(newValue) as { id?: unknown; message?: unknown };
    } catch {
      return;
    }
    if (typeof envelope !== 'object' || envelope === null) return;
    if (typeof envelope.id === 'string' && ownIds.has(envelope.id)) return;
    for (const listener of [...listeners]) listener(envelope.message);
  };
  const stopListening = listen(win, 'storage', onStorage);

  return {
    post(message) {
      if (closed) return;
      const id = `${random().toString(36).slice(2)}-${(counter += 1)}`;
      ownIds.add(id);
      if (ownIds.size > 32) ownIds.delete(ownIds.values().next().value as string);
      storage.setItem(key, JSON.stringify({ id, message }));
      // Removing right away leaves no residue; the removal's event (newValue null) is ignored.
      storage.removeItem(key);
    },
    subscribe(listener) {
      if (closed) return () => {};
      const wrapped = (message: unknown): void => listener(message);
      listeners.add(wrapped);
      return () => {
        listeners.delete(wrapped);
      };
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      stopListening();
    },
  };
}
