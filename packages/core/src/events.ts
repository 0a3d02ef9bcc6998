import type { AuthEvent, AuthEventListener, Logger, Unsubscribe } from './types.js';

/** The client's event hub: a listener that throws is logged and never breaks the client. */
export interface Emitter {
  emit(event: AuthEvent): void;
  on(listener: AuthEventListener): Unsubscribe;
  clear(): void;
}

export function createEmitter(logger: Logger): Emitter {
  const listeners = new Set<AuthEventListener>();
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          logger.error('An event listener threw', error);
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}
