import type { Unsubscribe } from './types.js';

/** The part of `window` (or `document`) the platform listens to. */
export interface EventTargetLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

const isEventTarget = (value: unknown): value is EventTargetLike =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as EventTargetLike).addEventListener === 'function' &&
  typeof (value as EventTargetLike).removeEventListener === 'function';

/** Reads a global without letting a throwing getter (sandboxed iframes) escape. */
export function readGlobal(name: string): unknown {
  try {
    return (globalThis as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

/** The browser `window` when this realm has one, else undefined (Node, React Native, workers). */
export function browserWindow(): EventTargetLike | undefined {
  const candidate = readGlobal('window');
  return isEventTarget(candidate) ? candidate : undefined;
}

/** The browser `document` when present, else undefined. */
export function browserDocument(): (EventTargetLike & { visibilityState?: string }) | undefined {
  const candidate = readGlobal('document');
  return isEventTarget(candidate) ? candidate : undefined;
}

/** Adds `listener` for `type` on `target` and returns its removal. */
export function listen(
  target: EventTargetLike,
  type: string,
  listener: (event: Event) => void,
): Unsubscribe {
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}

/**
 * Wake-up detection for browsers: the page became visible, the window got focus, or the page was
 * restored from the back/forward cache. Browsers often fire several of these for one wake-up.
 */
export function browserOnWake(
  win: EventTargetLike,
  doc: (EventTargetLike & { visibilityState?: string }) | undefined,
): (listener: () => void) => Unsubscribe {
  return (listener) => {
    const removers: Unsubscribe[] = [
      listen(win, 'focus', () => listener()),
      // A first load also fires pageshow; only a bfcache restore means the page was asleep.
      listen(win, 'pageshow', (event) => {
        if ((event as { persisted?: boolean }).persisted === true) listener();
      }),
    ];
    if (doc !== undefined) {
      removers.push(
        listen(doc, 'visibilitychange', () => {
          if (doc.visibilityState === 'visible') listener();
        }),
      );
    }
    return () => {
      for (const remove of removers.splice(0)) remove();
    };
  };
}
