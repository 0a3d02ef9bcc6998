import { describe, expect, it, vi } from 'vitest';
import { appStateWake, type AppStateLike } from '../platform/react-native.js';

/** A stand-in for React Native's AppState module. */
const fakeAppState = (initial: string, modern = true) => {
  const listeners = new Set<(state: string) => void>();
  const appState = {
    currentState: initial,
    addEventListener: (_type: 'change', listener: (state: string) => void) => {
      listeners.add(listener);
      return modern ? { remove: () => listeners.delete(listener) } : undefined;
    },
    removeEventListener: (_type: 'change', listener: (state: string) => void) => {
      listeners.delete(listener);
    },
    emit(state: string) {
      appState.currentState = state;
      for (const listener of [...listeners]) listener(state);
    },
    listeners,
  } satisfies AppStateLike & Record<string, unknown>;
  return appState;
};

describe('appStateWake', () => {
  it('calls the listener on each transition to active, not on repeats', () => {
    const appState = fakeAppState('active');
    const wake = vi.fn();
    appStateWake(appState)(wake);
    appState.emit('active');
    expect(wake).not.toHaveBeenCalled();
    appState.emit('background');
    appState.emit('inactive');
    expect(wake).not.toHaveBeenCalled();
    appState.emit('active');
    expect(wake).toHaveBeenCalledOnce();
    appState.emit('active');
    expect(wake).toHaveBeenCalledOnce();
  });

  it('treats a subscription made in the background as asleep', () => {
    const appState = fakeAppState('background');
    const wake = vi.fn();
    appStateWake(appState)(wake);
    appState.emit('active');
    expect(wake).toHaveBeenCalledOnce();
  });

  it('unsubscribes with subscription.remove() or, on old React Native, removeEventListener', () => {
    for (const modern of [true, false]) {
      const appState = fakeAppState('background', modern);
      const wake = vi.fn();
      const off = appStateWake(appState)(wake);
      expect(appState.listeners.size).toBe(1);
      off();
      off();
      expect(appState.listeners.size).toBe(0);
      appState.emit('active');
      expect(wake).not.toHaveBeenCalled();
    }
  });
});
