/**
 * The wiring on a device: React Native's `AppState`, and the session in SecureStore (the
 * Keychain / Keystore) with the accessibility that lets a background refresh save the rotated
 * refresh token while the device is locked. `asyncStorage` is the alternative for apps that keep
 * the session in AsyncStorage (unencrypted, like localStorage).
 */
import AsyncStorage from '@react-native-async-storage/async-storage';
import type { StorageAdapter } from '@simplejwt-client/core';
import * as SecureStore from 'expo-secure-store';
import { AppState } from 'react-native';
import { createNativeAuth } from './native-auth.js';
import { secureStoreStorage } from './secure-store-storage.js';

/** SecureStore, readable after the first unlock since boot (also while locked). */
export const secureStorage: StorageAdapter = secureStoreStorage(SecureStore, {
  keychainAccessible: SecureStore.AFTER_FIRST_UNLOCK,
});

/** AsyncStorage: already a `StorageAdapter` (`getItem` / `setItem` / `removeItem`, all async). */
export const asyncStorage: StorageAdapter = AsyncStorage;

/** The app's client. */
export const auth = createNativeAuth({
  baseUrl: 'https://api.example.com/',
  storage: secureStorage,
  appState: AppState,
});
