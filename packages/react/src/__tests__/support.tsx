import { type AuthClient, type AuthClientOptions, memoryStorage, type StorageAdapter } from '@simplejwt-client/core';
import type { TestPlatform } from '@simplejwt-client/core/testing';
import { act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createWorld } from '../../../../test/support/world.js';
import { AuthProvider } from '../index.js';

export { alice, baseUrl, refreshGate } from '../../../../test/support/world.js';
export type Claims = { user_id: number };

/** The shared test world (virtual time, the SimpleJWT mock, one storage), plus the Authorization header of every request and an act-wrapped `until`. */
export function setup(options: { storage?: StorageAdapter } = {}) {
  /** The Authorization header of every request that reached the mock. */
  const authorization: Array<string | null> = [];
  const env = createWorld({
    storage: options.storage ?? memoryStorage(),
    onRequest: (request) => authorization.push(request.headers.get('authorization')),
  });

  /** A client on `platform` (default: the world's first tab) sharing the world's storage. */
  const client = (extra: Partial<AuthClientOptions<Claims>> = {}, platform: TestPlatform = env.world) =>
    env.client<Claims>(extra, platform) as AuthClient<Claims>;

  /** Flushes async work (mock crypto, storage, tab sync) inside act until `predicate` holds. */
  const until = async (predicate: () => boolean): Promise<void> => {
    await act(async () => {
      for (let i = 0; i < 50 && !predicate(); i++) await env.world.flush();
    });
    if (!predicate()) throw new Error('condition not reached');
  };

  return {
    world: env.world,
    mock: env.mock,
    storage: env.storage,
    authorization,
    client,
    until,
    teardown: env.teardown,
  };
}

/** A storage whose reads wait until `open()`, keeping clients on it `initializing` until then. */
export function gatedStorage(inner: StorageAdapter = memoryStorage()) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const storage: StorageAdapter = {
    getItem: async (key) => {
      await gate;
      return inner.getItem(key);
    },
    setItem: (key, value) => inner.setItem(key, value),
    removeItem: (key) => inner.removeItem(key),
  };
  return { storage, open };
}

/** Counts the client's store listeners added through `client.subscribe` and not yet removed. */
export function countListeners(client: AuthClient<any>): () => number {
  const subscribe = client.subscribe;
  let active = 0;
  client.subscribe = (listener) => {
    const unsubscribe = subscribe(listener);
    let subscribed = true;
    active++;
    return () => {
      if (subscribed) active--;
      subscribed = false;
      unsubscribe();
    };
  };
  return () => active;
}

/** A `wrapper` for render/renderHook. */
export const providerFor =
  (client: AuthClient<any>) =>
  ({ children }: { children?: ReactNode }) => <AuthProvider client={client}>{children}</AuthProvider>;
