import type { Channel } from './types.js';

/** Hands an incoming message to the channel's listeners; `later`: one microtask per listener. */
export type Deliver = (message: unknown, later?: boolean) => void;

const enqueue = (callback: () => void): void => {
  if (typeof globalThis.queueMicrotask === 'function') globalThis.queueMicrotask(callback);
  else void Promise.resolve().then(callback);
};

/**
 * The listener bookkeeping every {@link Channel} implementation shares: `post` calls `send` until
 * the channel is closed, `stop` runs once on close, and the returned {@link Deliver} feeds the
 * messages that arrive to the listeners subscribed at that moment.
 */
export function listenerChannel(send: (message: unknown) => void, stop: () => void): [Channel, Deliver] {
  const listeners = new Set<(message: unknown) => void>();
  let closed = false;
  const deliver: Deliver = (message, later) => {
    for (const listener of [...listeners]) {
      // One microtask per listener: a throwing listener cannot starve the others.
      if (later) enqueue(() => listeners.has(listener) && listener(message));
      else listener(message);
    }
  };
  const channel: Channel = {
    post(message) {
      // A late post from a disposed client is harmless (BroadcastChannel would throw).
      if (!closed) send(message);
    },
    subscribe(listener) {
      // Wrap so the same function subscribed twice gets two independent subscriptions.
      const wrapped = (message: unknown): void => listener(message);
      if (!closed) listeners.add(wrapped);
      return () => {
        listeners.delete(wrapped);
      };
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      stop();
    },
  };
  return [channel, deliver];
}
