/**
 * The app's auth client, built from what React Native provides: a persistent storage and the
 * `AppState` module. No React Native import here, so the same function runs under Node in tests.
 */
import {
  appStateWake,
  createAuthClient,
  type AppStateLike,
  type AuthClient,
  type Platform,
  type StorageAdapter,
} from '@simplejwt-client/core';

/** The access token's claims: SimpleJWT's default token carries `user_id`. Unverified: display only. */
export interface Claims {
  user_id: number;
}

/** What {@link createNativeAuth} needs. */
export interface NativeAuthOptions {
  /** The API, e.g. `https://api.example.com/` (an app has no page origin to be relative to). */
  baseUrl: string;
  /** SecureStore (through `secureStoreStorage`) or AsyncStorage: both asynchronous. */
  storage: StorageAdapter;
  /** React Native's `AppState`: coming back to `active` re-checks the token's expiry. */
  appState: AppStateLike;
  /** Anything else to replace (tests pass virtual time and the mock's fetch). */
  platform?: Partial<Platform>;
}

/**
 * One client for the app's lifetime. An app has one "tab", and no BroadcastChannel or Web Locks
 * to share: cross-tab coordination is off. The status is `initializing` until the storage has
 * been read (it is asynchronous), so show a splash screen meanwhile (`RequireAuth`'s `loading`).
 */
export function createNativeAuth(options: NativeAuthOptions): AuthClient<Claims> {
  return createAuthClient<Claims>({
    baseUrl: options.baseUrl,
    storage: options.storage,
    crossTab: false,
    platform: { ...options.platform, onWake: appStateWake(options.appState) },
  });
}
