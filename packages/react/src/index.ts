/**
 * React bindings for `@simplejwt-client/core`: a provider for the app's client, hooks over its
 * store through `useSyncExternalStore`, and a guard component.
 *
 * @packageDocumentation
 */
export { AuthProvider, useAuthClient, type AuthProviderProps } from './context.js';
export { useAuth, type UseAuthResult } from './use-auth.js';
export { useAuthState } from './use-auth-state.js';
export { useAuthFetch } from './use-auth-fetch.js';
export { RequireAuth, type RequireAuthProps } from './require-auth.js';
export {
  syncQueryCache,
  type MutationCacheLike,
  type QueryCacheLike,
  type QueryClientLike,
  type QueryLike,
  type SyncQueryCacheOptions,
} from './query-cache-sync.js';
export { isAuthFailure, retryUnlessAuthFailure } from './query-retry.js';
