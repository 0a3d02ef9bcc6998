/**
 * Shared by the bench (`bench/run.ts`, on the packages' built dist) and the exact-count tests
 * (`bench-counts/`, on source): worlds of virtual time with the SimpleJWT mock, counting wrappers,
 * and a tiny token minter for scenarios that must not measure the mock itself.
 */
import { type Locks, memoryStorage, type StorageAdapter, type Timers } from '@simplejwt-client/core';
import { createWorld, type WorldOptions } from '../support/world.js';

export { alice, baseUrl, rotating } from '../support/world.js';
export type { Mock } from '../support/world.js';

/** One simulated world (the shared test world): virtual time, the SimpleJWT mock on the same clock, one shared storage. */
export function world(options: Pick<WorldOptions, 'settings' | 'storage' | 'fake'> = {}) {
  return createWorld(options);
}

/** A client of a world. */
export type Client = ReturnType<ReturnType<typeof world>['client']>;

/** Counts storage calls. */
export function countingStorage(inner: StorageAdapter = memoryStorage()) {
  const counts = { getItem: 0, setItem: 0, removeItem: 0 };
  const storage: StorageAdapter = {
    getItem: (k) => (counts.getItem++, inner.getItem(k)),
    setItem: (k, v) => (counts.setItem++, inner.setItem(k, v)),
    removeItem: (k) => (counts.removeItem++, inner.removeItem(k)),
  };
  return { storage, counts };
}

/** Counts lock acquisitions. */
export function countingLocks(inner: Locks) {
  const counts = { requests: 0 };
  const locks: Locks = {
    request: (name, options, task) => {
      counts.requests++;
      return inner.request(name, options, task);
    },
  };
  return { locks, counts };
}

/** Counts timers set and timer callbacks that fired (wake-ups). */
export function countingTimers(inner: Timers) {
  const counts = { set: 0, fired: 0 };
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      counts.set++;
      return inner.setTimeout(() => {
        counts.fired++;
        callback();
      }, ms);
    },
    clearTimeout: (handle) => inner.clearTimeout(handle),
  };
  return { timers, counts };
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned-looking JWT with SimpleJWT's claims (the client never verifies signatures). */
export function mintToken(
  type: 'access' | 'refresh',
  nowMs: number,
  lifetimeS: number,
  jti = Math.random().toString(36).slice(2),
): string {
  const iat = Math.floor(nowMs / 1000);
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ token_type: type, exp: iat + lifetimeS, iat, jti, user_id: 1 })}.c2ln`;
}

/**
 * A minimal in-process SimpleJWT for the soak: obtain and refresh only, no request log and no
 * token bookkeeping, so heap growth over 10 000 cycles is the client's, not the server's.
 */
export function tinyTokenServer(now: () => number, accessLifetimeS = 300) {
  const counts = { obtain: 0, refresh: 0, other: 0 };
  const json = (body: unknown, status = 200): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const path = new URL(url).pathname;
    if (path === '/api/token/') {
      counts.obtain++;
      return json({
        access: mintToken('access', now(), accessLifetimeS),
        // Long enough for the soak's 10 000 cycles of 270 s (31 days): the client ends a session whose refresh token expired.
        refresh: mintToken('refresh', now(), 400 * 86_400),
      });
    }
    if (path === '/api/token/refresh/') {
      counts.refresh++;
      void init;
      return json({ access: mintToken('access', now(), accessLifetimeS) });
    }
    counts.other++;
    return json({ id: 1 });
  };
  return { fetch: fetch as typeof globalThis.fetch, counts };
}
