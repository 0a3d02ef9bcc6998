import {
  createAuthClient,
  memoryStorage,
  type AuthClient,
  type AuthClientOptions,
  type StorageAdapter,
} from '@simplejwt-client/core';
import { createTestPlatform, type TestPlatform } from '@simplejwt-client/core/testing';
import { createSimpleJwtMock } from '@simplejwt-client/mock-server';
import { act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { AuthProvider } from '../index.js';

export const baseUrl = 'https://api.example.com/';
export const alice = { username: 'alice', password: 'alice-password-1' };
export type Claims = { user_id: number };

/** One simulated world: virtual time, the SimpleJWT mock on it, a shared storage, and clients. */
export function setup(options: { storage?: StorageAdapter } = {}) {
  let world: TestPlatform | undefined;
  const mock = createSimpleJwtMock({ baseUrl, clock: { now: () => world!.now() } });
  /** The Authorization header of every request that reached the mock. */
  const authorization: Array<string | null> = [];
  world = createTestPlatform({
    fetch: (input, init) => {
      authorization.push(new Request(input, init).headers.get('authorization'));
      return mock.fetch(input, init);
    },
  });
  const storage = options.storage ?? memoryStorage();
  const clients: AuthClient<Claims>[] = [];

  /** A client on `platform` (default: the world's first tab) sharing the world's storage. */
  const client = (extra: Partial<AuthClientOptions<Claims>> = {}, platform: TestPlatform = world!) => {
    const auth = createAuthClient<Claims>({ baseUrl, storage, platform, ...extra });
    clients.push(auth);
    return auth;
  };

  /** Flushes async work (mock crypto, storage, tab sync) inside act until `predicate` holds. */
  const until = async (predicate: () => boolean): Promise<void> => {
    await act(async () => {
      for (let i = 0; i < 50 && !predicate(); i++) await world!.flush();
    });
    if (!predicate()) throw new Error('condition not reached');
  };

  return {
    world,
    mock,
    storage,
    authorization,
    client,
    until,
    teardown: () => clients.splice(0).forEach((c) => c.destroy()),
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
