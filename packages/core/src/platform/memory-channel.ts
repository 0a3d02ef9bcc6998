import type { Channel, Unsubscribe } from './types.js';

/** An in-process publish/subscribe bus handing out {@link Channel}s by name. */
export interface MemoryBus {
  /** Opens a new member of the channel `name`. */
  open(name: string): Channel;
}

interface Member {
  readonly listeners: Set<(message: unknown) => void>;
}

const enqueue = (callback: () => void): void => {
  if (typeof globalThis.queueMicrotask === 'function') globalThis.queueMicrotask(callback);
  else void Promise.resolve().then(callback);
};

// BroadcastChannel delivers a structured clone, so receivers never share objects with the sender.
const cloneMessage = (message: unknown): unknown => {
  if (typeof globalThis.structuredClone === 'function') return globalThis.structuredClone(message);
  // Hermes (React Native) may lack structuredClone; the client only posts JSON-safe messages.
  return message === undefined ? undefined : JSON.parse(JSON.stringify(message));
};

/**
 * Creates an isolated in-process bus: a message posted on one channel is delivered asynchronously,
 * as a structured clone, to every other open channel of the same name, never to the sender.
 */
export function createMemoryBus(): MemoryBus {
  const members = new Map<string, Set<Member>>();

  return {
    open(name: string): Channel {
      const self: Member = { listeners: new Set() };
      let closed = false;
      let group = members.get(name);
      if (group === undefined) {
        group = new Set();
        members.set(name, group);
      }
      group.add(self);

      return {
        post(message: unknown): void {
          if (closed) return;
          const recipients = [...(members.get(name) ?? [])].filter((member) => member !== self);
          for (const member of recipients) {
            const copy = cloneMessage(message);
            for (const listener of member.listeners) {
              // One microtask per listener: a throwing listener cannot starve the others.
              enqueue(() => {
                if (member.listeners.has(listener)) listener(copy);
              });
            }
          }
        },
        subscribe(listener: (message: unknown) => void): Unsubscribe {
          if (closed) return () => {};
          // Wrap so the same function subscribed twice gets two independent subscriptions.
          const wrapped = (message: unknown): void => listener(message);
          self.listeners.add(wrapped);
          return () => {
            self.listeners.delete(wrapped);
          };
        },
        close(): void {
          if (closed) return;
          closed = true;
          self.listeners.clear();
          const current = members.get(name);
          current?.delete(self);
          if (current?.size === 0) members.delete(name);
        },
      };
    },
  };
}

// Backs the default platform where neither BroadcastChannel nor storage events exist.
let sharedBus: MemoryBus | undefined;

/** The process-wide bus used by the default platform outside browsers. */
export function sharedMemoryBus(): MemoryBus {
  sharedBus ??= createMemoryBus();
  return sharedBus;
}
