/**
 * A `StorageAdapter` over Expo's SecureStore (the iOS Keychain, Android's Keystore-backed
 * storage). SecureStore names its methods `getItemAsync` / `setItemAsync` / `deleteItemAsync`, so it
 * needs this small adapter; AsyncStorage fits the client as it is.
 */
import type { StorageAdapter } from '@simplejwt-client/core';

/** The part of `expo-secure-store` the adapter uses (so tests can pass a fake). */
export interface SecureStoreLike<O> {
  /** Reads `key`; null when absent. */
  getItemAsync(key: string, options?: O): Promise<string | null>;
  /** Writes `key`. */
  setItemAsync(key: string, value: string, options?: O): Promise<void>;
  /** Deletes `key`. */
  deleteItemAsync(key: string, options?: O): Promise<void>;
}

/**
 * Adapts SecureStore to the client's storage. Pass the options every call must use: on iOS,
 * `keychainAccessible: SecureStore.AFTER_FIRST_UNLOCK`, or a refresh that happens while the device
 * is locked (a background fetch, a timer that fires late) gets a rotated refresh token it cannot
 * save, and the next start has only the old, blacklisted one. Keys may only contain letters,
 * digits, `.`, `-` and `_`: the default `storageKey` (`simplejwt-client`) does.
 */
export function secureStoreStorage<O>(store: SecureStoreLike<O>, options?: O): StorageAdapter {
  return {
    getItem: (key) => store.getItemAsync(key, options),
    setItem: (key, value) => store.setItemAsync(key, value, options),
    removeItem: (key) => store.deleteItemAsync(key, options),
  };
}
