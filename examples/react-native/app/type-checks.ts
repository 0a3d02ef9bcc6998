/**
 * Proof that this folder is checked against the real packages' types, not `any`: each line below
 * must be a type error (an unused `@ts-expect-error` fails the check).
 */
import AsyncStorage from '@react-native-async-storage/async-storage';
import type { AppStateLike, StorageAdapter } from '@simplejwt-client/core';
import * as SecureStore from 'expo-secure-store';
import { AppState } from 'react-native';

// @ts-expect-error SecureStore's methods are getItemAsync/setItemAsync/deleteItemAsync: it needs secureStoreStorage.
export const secureStoreAsIs: StorageAdapter = SecureStore;
// @ts-expect-error AsyncStorage has no getItemAsync: it is a StorageAdapter as it is, not a SecureStore.
export const asyncStorageAsSecureStore: Pick<typeof SecureStore, 'getItemAsync'> = AsyncStorage;
// @ts-expect-error AppState's `currentState` is a string union, not a number.
export const appStateState: number = AppState.currentState;
/** React Native's `AppState` module fits the core's `appStateWake` parameter as it is. */
export const appState: AppStateLike = AppState;
