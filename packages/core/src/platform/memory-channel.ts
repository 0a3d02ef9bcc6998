import { listenerChannel, type Deliver } from './channel.js';
import type { Channel } from './types.js';

/** An in-process publish/subscribe bus handing out {@link Channel}s by name. */
export interface MemoryBus {
  /** Opens a new member of the channel `name`. */
  open(name: string): Channel;
}

// BroadcastChannel delivers a structured clone, so receivers never share objects with the sender.
const cloneMessage = (message: unknown): unknown =>
  typeof globalThis.structuredClone === 'function'
    ? globalThis.structuredClone(message)
    : // Hermes (React Native) may lack structuredClone; the client only posts JSON-safe messages.
      message === undefined
      ? undefined
      : JSON.parse(JSON.stringify(message));

/**
 * Creates an isolated in-process bus: a message posted on one channel is delivered asynchronously,
 * as a structured clone, to every other open channel of the same name, never to the sender.
 */
export function createMemoryBus(): MemoryBus {
  const groups = new Map<string, Set<Deliver>>();
  return {
    open(name) {
      const group = groups.get(name) ?? new Set();
      groups.set(name, group);
      const [channel, deliver] = listenerChannel(
        (message) => {
          for (const member of group) if (member !== deliver) member(cloneMessage(message), true);
        },
        () => {
          group.delete(deliver);
          if (group.size === 0) groups.delete(name);
        },
      );
      group.add(deliver);
      return channel;
    },
  };
}

// Backs the default platform where neither BroadcastChannel nor storage events exist.
let sharedBus: MemoryBus | undefined;

/** The process-wide bus used by the default platform outside browsers. */
export function sharedMemoryBus(): MemoryBus {
  return (sharedBus ??= createMemoryBus());
}
