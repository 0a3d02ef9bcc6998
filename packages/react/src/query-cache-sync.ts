import type { AuthClient, SimpleJwtClaims, Unsubscribe } from '@simplejwt-client/core';

/** Options of {@link syncQueryCache}. */
export interface SyncQueryCacheOptions<C extends object = object> {
  /**
   * Who the session belongs to, from the access token's claims: a change of this value between two
   * authenticated states clears the cache. SimpleJWT's `USER_ID_CLAIM` is `user_id` by default.
   * @default (claims) => claims.user_id
   */
  userOf?: (claims: C & SimpleJwtClaims) => unknown;
}

/**
 * Clears a TanStack Query cache (queries and mutations) whenever the data in it may belong to
 * someone who is no longer there: when the session ends — a logout in this or another tab, or the
 * server ending the session (`session-expired`) — and when a different user logs in, here or in
 * another tab. Refreshes and a logout followed by the same user's login clear nothing more. Call it
 * once per tab, next to `createAuthClient`; it needs nothing from React (`queryClient` is anything
 * with `clear()`, e.g. Vue Query's or Solid Query's client too). Returns the unsubscribe function.
 * @example
 * const queryClient = new QueryClient();
 * syncQueryCache(auth, queryClient);
 */
export function syncQueryCache<C extends object = object>(
  auth: Pick<AuthClient<C>, 'getState' | 'subscribe'>,
  queryClient: { clear(): void },
  options: SyncQueryCacheOptions<C> = {},
): Unsubscribe {
  const userOf = options.userOf ?? ((claims: C & SimpleJwtClaims) => (claims as { user_id?: unknown }).user_id);
  /** The user whose data the cache may hold; undefined when it holds nobody's. */
  const ownerOf = (state: ReturnType<typeof auth.getState>): unknown =>
    state.status === 'authenticated' && state.claims ? userOf(state.claims) : undefined;
  let owner = ownerOf(auth.getState());
  return auth.subscribe((state, previous) => {
    const next = ownerOf(state);
    const ended = previous.status === 'authenticated' && state.status === 'unauthenticated';
    const switched = next !== undefined && owner !== undefined && !Object.is(next, owner);
    if (ended || switched) queryClient.clear();
    if (state.status !== 'initializing') owner = next;
  });
}
