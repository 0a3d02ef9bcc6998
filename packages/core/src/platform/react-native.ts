import type { Unsubscribe } from './types.js';

/** The part of React Native's `AppState` module that {@link appStateWake} uses. */
export interface AppStateLike {
  /** The state at subscription time: 'active', 'background', 'inactive' and so on. */
  currentState?: string | null;
  /** Subscribes to state changes; React Native 0.65+ returns a subscription. */
  addEventListener(
    type: 'change',
    listener: (state: string) => void,
  ):
    | {
        /** Removes the listener (React Native ≥ 0.65). */
        remove(): void;
      }
    | void
    | undefined;
  /** Removes a listener on React Native before 0.65. */
  removeEventListener?(type: 'change', listener: (state: string) => void): void;
}

/**
 * Builds a `Platform.onWake` for React Native from its `AppState` module (passed in, so the core
 * never imports react-native): the listener runs each time the app comes back to 'active'.
 *
 * @example createAuthClient({ baseUrl, platform: { onWake: appStateWake(AppState) } })
 */
export function appStateWake(appState: AppStateLike): (listener: () => void) => Unsubscribe {
  return (listener) => {
    let previous = appState.currentState ?? undefined;
    const handler = (state: string): void => {
      const wasActive = previous === 'active';
      previous = state;
      if (state === 'active' && !wasActive) listener();
    };
    const subscription = appState.addEventListener('change', handler);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      if (subscription && typeof subscription.remove === 'function') subscription.remove();
      else appState.removeEventListener?.('change', handler);
    };
  };
}
