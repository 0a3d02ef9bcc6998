/**
 * Set-up of the real-server suite (`test/real-server/`): a Django + SimpleJWT server per test file
 * (or per configuration) with a counting proxy in front, and core clients pointed at a proxy and
 * destroyed after their test. Checks live in `real-server-checks.ts`, the token probe in
 * `real-server-probe.ts`.
 */
import {
  type AuthClient,
  type AuthClientOptions,
  type AuthEvent,
  type StorageAdapter,
  createAuthClient,
  memoryStorage,
} from '@simplejwt-client/core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type CountingProxy, type CountingProxyOptions, startCountingProxy } from './counting-proxy.js';
import { type DjangoEnv, type RunningDjango, type SimpleJwtVersion, startDjango } from './django.js';

/** The demo users of `examples/django-simplejwt` (seed_users) that can log in. */
export const USERS = {
  alice: { username: 'alice', password: 'alice-password-1' },
  carol: { username: 'carol', password: 'carol-password-3' },
  zoe: { username: 'zoë', password: 'pässword-4' },
  dave: { username: 'dave', password: 'dave-password-5' },
} as const;

/** The client's default storage key. */
export const STORAGE_KEY = 'simplejwt-client';

/** SimpleJWT settings of a rotating, blacklisting deployment. */
export const ROTATING: DjangoEnv = { SJWT_ROTATE_REFRESH_TOKENS: 'true', SJWT_BLACKLIST_AFTER_ROTATION: 'true' };

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `predicate` holds, polling every 25 ms; rejects after `timeout` ms. */
export async function until(predicate: () => boolean | Promise<boolean>, timeout = 15_000, what = 'condition') {
  const deadline = Date.now() + timeout;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** How a promise ended, without throwing. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Waits for `promise` and returns how it ended. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** Options of a test client; `baseUrl` is the proxy's. */
export type ClientOptions = Partial<AuthClientOptions<{ user_id?: number }>>;

/** A client of the suite with the events it emitted and the storage it uses. */
export interface TestClient {
  auth: AuthClient<{ user_id?: number }>;
  events: AuthEvent[];
  storage: StorageAdapter;
  /** The stored session value (null when logged out). */
  stored(): Promise<string | null>;
}

/** A proxy and the clients pointed at it. */
export interface ProxyScope {
  readonly proxy: CountingProxy;
  /** A client on the proxy (memory storage unless given); destroyed after the test. */
  client(options?: ClientOptions): TestClient;
}

/** A real server with a proxy in front of it. */
export interface RealServer extends ProxyScope {
  readonly django: RunningDjango;
  /**
   * A proxy of its own in front of the same server, for a test that runs concurrently with others
   * (`it.concurrent`): pass the test context's `onTestFinished`, which closes it and its clients.
   */
  isolated(onTestFinished: (cleanup: () => Promise<void>) => void): Promise<ProxyScope>;
}

/** A started {@link RealServer} and its clean-up. */
export interface StartedRealServer extends RealServer {
  /** Destroys the clients of the shared proxy, waits for its open requests and clears its log. */
  afterTest(): Promise<void>;
  /** Stops everything: clients, proxies, Django. */
  stop(): Promise<void>;
}

/** A scope on `proxy` whose clients are collected in `clients`. */
function scopeOn(proxy: CountingProxy, clients: TestClient[]): ProxyScope {
  return {
    proxy,
    client(options = {}) {
      const storage = options.storage ?? memoryStorage();
      const auth = createAuthClient<{ user_id?: number }>({ baseUrl: proxy.url, ...options, storage });
      const events: AuthEvent[] = [];
      auth.on((event) => events.push(event));
      const key = options.storageKey ?? STORAGE_KEY;
      const client: TestClient = { auth, events, storage, stored: async () => (await storage.getItem(key)) ?? null };
      clients.push(client);
      return client;
    },
  };
}

/** Starts Django (`env`, on SimpleJWT `version`) and a counting proxy (with `proxyOptions`) in front of it. */
export async function startRealServer(
  env: DjangoEnv = {},
  version: SimpleJwtVersion = '5.2',
  proxyOptions: CountingProxyOptions = {},
): Promise<StartedRealServer> {
  const django = await startDjango(env, version);
  const proxy = await startCountingProxy(django.url, proxyOptions);
  const clients: TestClient[] = [];
  const shared = scopeOn(proxy, clients);
  const isolatedProxies = new Set<CountingProxy>();
  return {
    ...shared,
    django,
    async isolated(onTestFinished) {
      const own = await startCountingProxy(django.url, proxyOptions);
      const ownClients: TestClient[] = [];
      isolatedProxies.add(own);
      onTestFinished(async () => {
        for (const { auth } of ownClients.splice(0)) auth.destroy();
        isolatedProxies.delete(own);
        await own.close();
      });
      return scopeOn(own, ownClients);
    },
    async afterTest() {
      for (const { auth } of clients.splice(0)) auth.destroy();
      await proxy.quiet();
      proxy.reset();
    },
    async stop() {
      for (const { auth } of clients.splice(0)) auth.destroy();
      for (const own of isolatedProxies) await own.close();
      await proxy.close();
      await django.stop();
    },
  };
}

/**
 * Registers the hooks of a test file (or `describe`): a real server for all its tests, cleaned up
 * after each test and stopped after the last.
 */
export function useRealServer(
  env: DjangoEnv = {},
  version: SimpleJwtVersion = '5.2',
  proxyOptions: CountingProxyOptions = {},
): RealServer {
  let server: StartedRealServer | undefined;
  beforeAll(async () => {
    server = await startRealServer(env, version, proxyOptions);
  });
  afterEach(() => server?.afterTest());
  afterAll(() => server?.stop());
  const started = (): StartedRealServer => {
    if (!server) throw new Error('The real server is not started');
    return server;
  };
  return {
    get django() {
      return started().django;
    },
    get proxy() {
      return started().proxy;
    },
    client: (options) => started().client(options),
    isolated: (onTestFinished) => started().isolated(onTestFinished),
  };
}
