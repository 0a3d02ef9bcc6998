import type { AuthClient, SimpleJwtClaims, Unsubscribe } from '@simplejwt-client/core';

/**
 * What {@link syncQueryCache} needs of a TanStack Query `QueryClient` (React, Vue, Solid, … Query:
 * they share query-core's client), so this package imports nothing from TanStack.
 */
export interface QueryClientLike {
  /** The query cache, whose queries are reset when the cache is forgotten. */
  getQueryCache(): QueryCacheLike;
  /** The mutation cache, cleared when the cache is forgotten. */
  getMutationCache(): MutationCacheLike;
  /** Removes the queries no component observes. */
  removeQueries(filters: { type: 'inactive' }): void;
  /** Refetches the queries components observe (after a user change). */
  refetchQueries(filters: { type: 'active' }): Promise<unknown>;
}

/** The part of TanStack's `MutationCache` that {@link syncQueryCache} uses. */
export interface MutationCacheLike {
  /** Removes every mutation. */
  clear(): void;
}

/** The part of TanStack's `QueryCache` that {@link syncQueryCache} uses. */
export interface QueryCacheLike {
  /** Every query in the cache. */
  findAll(): ReadonlyArray<QueryLike>;
}

/** The part of TanStack's `Query` that {@link syncQueryCache} uses. */
export interface QueryLike {
  /** Cancels a fetch in flight and returns the query to its initial state, telling its observers. */
  reset(): void;
}

/** Options of {@link syncQueryCache}. */
export interface SyncQueryCacheOptions<C extends object = object> {
  /**
   * Who the session belongs to, from the access token's claims: a change of this value between two
   * authenticated states forgets the cache. SimpleJWT's `USER_ID_CLAIM` is `user_id` by default.
   * @default (claims) => claims.user_id
   */
  userOf?: (claims: C & SimpleJwtClaims) => unknown;
  /** Called each time the cache was forgotten (for logging and tests). */
  onForget?: (why: 'session-ended' | 'user-changed') => void;
}

/**
 * Forgets a TanStack Query cache whenever the data in it may belong to someone who is no longer
 * there: when the session ends — a logout in this or another tab, or the server ending the session
 * (`session-expired`) — and when a different user logs in, here or in another tab. Refreshes, and a
 * logout followed by the same user's login, forget nothing more.
 *
 * Forgetting removes inactive queries and every mutation, and resets the queries that components
 * still observe, so no mounted component keeps showing the previous user's data (`clear()` would
 * detach them with it). After a user change the active ones refetch, as the new user; after the
 * session ended they do not (a query enabled on `status === 'authenticated'` runs again after the
 * next login). Call it once per tab, next to `createAuthClient`. Returns the unsubscribe function.
 * @example
 * const queryClient = new QueryClient();
 * syncQueryCache(auth, queryClient);
 */
export function syncQueryCache<C extends object = object>(
  auth: Pick<AuthClient<C>, 'getState' | 'subscribe'>,
  queryClient: QueryClientLike,
  options: SyncQueryCacheOptions<C> = {},
): Unsubscribe {
  const userOf = options.userOf ?? ((claims: C & SimpleJwtClaims) => (claims as { user_id?: unknown }).user_id);
  /** The user whose data the cache may hold; undefined when it holds nobody's. */
  const ownerOf = (state: ReturnType<typeof auth.getState>): unknown =>
    state.status === 'authenticated' && state.claims ? userOf(state.claims) : undefined;
  const forget = (why: 'session-ended' | 'user-changed'): void => {
    queryClient.getMutationCache().clear();
    queryClient.removeQueries({ type: 'inactive' });
    // Resetting cancels fetches in flight (their answers are the previous user's) and tells observers.
    for (const query of queryClient.getQueryCache().findAll()) query.reset();
    if (why === 'user-changed') void queryClient.refetchQueries({ type: 'active' }).catch(() => undefined);
    options.onForget?.(why);
  };
  let owner = ownerOf(auth.getState());
  return auth.subscribe((state, previous) => {
    const next = ownerOf(state);
    if (previous.status === 'authenticated' && state.status === 'unauthenticated') forget('session-ended');
    else if (next !== undefined && owner !== undefined && !Object.is(next, owner)) forget('user-changed');
    if (state.status !== 'initializing') owner = next;
  });
}
