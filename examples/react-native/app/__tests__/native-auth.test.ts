/**
 * The app's auth logic under Node: `createNativeAuth` with an asynchronous storage (as
 * AsyncStorage and SecureStore are), an `AppState` stand-in, virtual time, and the SimpleJWT mock's
 * fetch. The same function the device runs (`app/auth.ts` only passes the real modules in).
 */
import type { AuthClient, StorageAdapter } from '@simplejwt-client/core';
import { createTestPlatform, type TestPlatform } from '@simplejwt-client/core/testing';
import { createSimpleJwtMock, type SimpleJwtMock } from '@simplejwt-client/mock-server';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createNativeAuth, type Claims } from '../native-auth.js';
import { secureStoreStorage } from '../secure-store-storage.js';

const baseUrl = 'https://api.example.com/';
const alice = { username: 'alice', password: 'alice-password-1' };
const ACCESS_LIFETIME_S = 300;

/** An AsyncStorage stand-in: every call settles on a later macrotask, like the native bridge. */
function asyncMapStorage(): StorageAdapter & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  const later = <T>(value: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(value()), 0));
  return {
    data,
    getItem: (key) => later(() => data.get(key) ?? null),
    setItem: (key, value) => later(() => void data.set(key, value)),
    removeItem: (key) => later(() => void data.delete(key)),
  };
}

/** React Native's `AppState`: a current state and 'change' listeners. */
function fakeAppState() {
  const listeners = new Set<(state: string) => void>();
  return {
    currentState: 'active' as string,
    addEventListener(_type: 'change', listener: (state: string) => void) {
      listeners.add(listener);
      return { remove: () => listeners.delete(listener) };
    },
    set(state: string) {
      this.currentState = state;
      for (const listener of [...listeners]) listener(state);
    },
    listeners: () => listeners.size,
  };
}

let platform: TestPlatform;
let mock: SimpleJwtMock;
const clients: AuthClient<Claims>[] = [];

beforeEach(() => {
  platform = createTestPlatform({ fetch: (input, init) => mock.fetch(input, init) });
  mock = createSimpleJwtMock({
    baseUrl,
    clock: platform,
    settings: { ACCESS_TOKEN_LIFETIME: ACCESS_LIFETIME_S, ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true },
  });
});
afterEach(() => clients.splice(0).forEach((client) => client.destroy()));

function start(storage: StorageAdapter, appState = fakeAppState()): AuthClient<Claims> {
  // The test platform brings virtual time; onWake comes from AppState, as on a device.
  const { onWake: _testWake, ...rest } = platform;
  const client = createNativeAuth({ baseUrl, storage, appState, platform: rest });
  clients.push(client);
  return client;
}

it('logs in, keeps the session in the async storage, and a restart restores it with no request', async () => {
  const storage = asyncMapStorage();
  const first = start(storage);
  await first.ready;
  expect(first.getState().status).toBe('unauthenticated');
  await first.login(alice);
  expect(first.getState().claims?.user_id).toBe(1);
  expect(JSON.parse(storage.data.get('simplejwt-client') ?? '{}')).toMatchObject({ refresh: expect.any(String) });
  expect(await (await first.fetch('api/me/')).json()).toMatchObject({ username: 'alice' });
  first.destroy();

  mock.control.clearRequests();
  const restarted = start(storage);
  expect(restarted.getState().status).toBe('initializing'); // an async storage is read after creation
  await restarted.ready;
  expect(restarted.getState().status).toBe('authenticated');
  expect(mock.control.count()).toBe(0);
});

it('coming back to the foreground after the token expired refreshes once, through AppState', async () => {
  const storage = asyncMapStorage();
  const appState = fakeAppState();
  const auth = start(storage, appState);
  await auth.ready;
  await auth.login(alice);
  // The app uses the session (a screen loads data), so it is kept fresh.
  await auth.getAccessToken();
  expect(appState.listeners()).toBe(1);
  const stored = storage.data.get('simplejwt-client');

  // In the background the app's timers do not run; the clock jumps past the token's expiry.
  appState.set('background');
  platform.setNow(platform.now() + (ACCESS_LIFETIME_S + 60) * 1000);
  expect(mock.control.count('refresh')).toBe(0);

  appState.set('active');
  // The refresh, then the asynchronous write of its rotated token: settle until the stored value changes.
  for (let i = 0; i < 50 && storage.data.get('simplejwt-client') === stored; i++) await platform.flush();
  expect(storage.data.get('simplejwt-client')).not.toBe(stored);
  expect(mock.control.requests.filter((r) => r.endpoint === 'refresh').map((r) => r.status)).toEqual([200]);
  expect(auth.getState().status).toBe('authenticated');

  auth.destroy();
  expect(appState.listeners()).toBe(0);
});

it('logout blacklists the refresh token and clears the storage', async () => {
  const storage = asyncMapStorage();
  const auth = start(storage);
  await auth.ready;
  await auth.login(alice);
  await auth.logout();
  expect(auth.getState().status).toBe('unauthenticated');
  expect(storage.data.size).toBe(0);
  expect(mock.control.requests.filter((r) => r.endpoint === 'blacklist').map((r) => r.status)).toEqual([200]);
});

it('the SecureStore adapter maps the client onto getItemAsync/setItemAsync/deleteItemAsync with its options', async () => {
  const calls: string[] = [];
  const items = new Map<string, string>();
  const options = { keychainAccessible: 'AFTER_FIRST_UNLOCK' };
  const secureStore = {
    getItemAsync: async (key: string, o?: typeof options) => (
      calls.push(`get ${key} ${o?.keychainAccessible}`), items.get(key) ?? null
    ),
    setItemAsync: async (key: string, value: string, o?: typeof options) =>
      void (calls.push(`set ${key} ${o?.keychainAccessible}`), items.set(key, value)),
    deleteItemAsync: async (key: string, o?: typeof options) =>
      void (calls.push(`delete ${key} ${o?.keychainAccessible}`), items.delete(key)),
  };
  const auth = start(secureStoreStorage(secureStore, options));
  await auth.ready;
  await auth.login(alice);
  await auth.logout();
  expect(calls).toEqual([
    'get simplejwt-client AFTER_FIRST_UNLOCK',
    'set simplejwt-client AFTER_FIRST_UNLOCK',
    'delete simplejwt-client AFTER_FIRST_UNLOCK',
  ]);
});
