import type { Unsubscribe } from './types.js';

/** The part of `window` (or `document`) the platform listens to. */
export interface EventTargetLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

/** Reads a global without letting a throwing getter (sandboxed iframes) escape. */
export function readGlobal(name: string): unknown {
  try {
    return (globalThis as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

/** The global `name` when it is an event target (window, document), else undefined (Node, React Native, workers). */
function eventTarget<T extends EventTargetLike>(name: string): T | undefined {
  const candidate = readGlobal(name) as T | undefined;
  return typeof candidate?.addEventListener === 'function' ? candidate : undefined;
}

/** The browser `window` when this realm has one, else undefined (Node, React Native, workers). */
export function browserWindow(): EventTargetLike | undefined {
  return eventTarget('window');
}

/** The browser `document` when present, else undefined. */
export function browserDocument(): (EventTargetLike & { visibilityState?: string }) | undefined {
  return eventTarget('document');
}

/** The page's origin (`location.origin`) in a browser, else undefined. */
export function pageOrigin(): string | undefined {
  const origin = (readGlobal('location') as { origin?: unknown } | undefined)?.origin;
  return typeof origin === 'string' && origin !== 'null' ? origin : undefined;
}

/**
 * `localStorage` when it can be written here; undefined where it is missing or throws (Node, SSR,
 * React Native, sandboxed iframes, some private modes).
 */
export function writableLocalStorage(): Storage | undefined {
  try {
    const storage = readGlobal('localStorage') as Storage | undefined;
    const probe = '__simplejwt-client-probe__';
    // A missing storage throws here too.
    storage!.setItem(probe, probe);
    storage!.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

/** Adds `listener` for `type` on `target` and returns its removal. */
export function listen(target: EventTargetLike, type: string, listener: (event: Event) => void): Unsubscribe {
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
    const removers = [
      listen(win, 'focus', () => listener()),
      // A first load also fires pageshow; only a bfcache restore means the page was asleep.
      listen(win, 'pageshow', (event) => (event as PageTransitionEvent).persisted && listener()),
      doc ? listen(doc, 'visibilitychange', () => doc.visibilityState === 'visible' && listener()) : () => {},
    ];
    return () => removers.forEach((remove) => remove());
  };
}
