/**
 * Simulated worlds for the core, React and bench suites: virtual time (the core's test platform),
 * a token server on the same clock — the deterministic fake for timing tests, or the SimpleJWT
 * mock where wire fidelity matters — one shared storage, and clients that are destroyed together.
 */
import {
  type AuthClientOptions,
  type AuthEvent,
  createAuthClient,
  memoryStorage,
  type StorageAdapter,
} from '@simplejwt-client/core';
import { createTestPlatform, type TestPlatform } from '@simplejwt-client/core/testing';
import { createSimpleJwtMock } from '@simplejwt-client/mock-server';
import { createFakeTokenServer, type FakeServerOptions, type FakeTokenServer } from './fake-token-server.js';

export const baseUrl = 'https://api.example.com/';
export const alice = { username: 'alice', password: 'alice-password-1' };
export const rotating = { ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true };

type MockOptions = NonNullable<Parameters<typeof createSimpleJwtMock>[0]>;
/** The SimpleJWT mock's type. */
export type Mock = ReturnType<typeof createSimpleJwtMock>;

/** Options of {@link createWorld}. */
export interface WorldOptions {
  /** Use the deterministic fake token server with these settings instead of the SimpleJWT mock. */
  fake?: Omit<FakeServerOptions, 'now'>;
  /** The mock's SimpleJWT settings. */
  settings?: MockOptions['settings'];
  /** More mock options. */
  mock?: Partial<MockOptions>;
  storage?: StorageAdapter;
  /** Server clock minus device clock. */
  skewMs?: number;
  /** Sees every request before the server does. */
  onRequest?: (request: Request) => void;
}

/** One simulated world: virtual time, a token server on it, a shared storage, and clients. */
export function createWorld(options: WorldOptions = {}) {
  let world: TestPlatform | undefined;
  let skewMs = options.skewMs ?? 0;
  const serverNow = (): number => world!.now() + skewMs;
  const fake: FakeTokenServer | undefined = options.fake
    ? createFakeTokenServer({ ...options.fake, now: serverNow })
    : undefined;
  const mock: Mock = createSimpleJwtMock({
    baseUrl,
    clock: { now: serverNow },
    ...options.mock,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  const serverFetch = fake ? fake.fetch : mock.fetch;
  world = createTestPlatform({
    fetch: (input, init) => {
      options.onRequest?.(new Request(input, init));
      return serverFetch(input, init);
    },
  });
  const storage = options.storage ?? memoryStorage();
  const clients: Array<{ destroy(): void }> = [];
  const events: AuthEvent[] = [];

  /** A client on `platform` (default: the world's first tab) sharing the world's storage. */
  const client = <C extends object = object>(
    extra: Partial<AuthClientOptions<C>> = {},
    platform: TestPlatform = world!,
  ) => {
    const auth = createAuthClient<C>({
      baseUrl,
      storage,
      platform,
      retry: { baseDelay: 100, maxDelay: 1000 },
      ...extra,
    });
    auth.on((event) => events.push(event));
    clients.push(auth);
    return auth;
  };

  return {
    world,
    /** The same virtual-time platform as `world`. */
    platform: world,
    mock,
    fake,
    storage,
    events,
    client,
    /** Refresh requests the server answered. */
    refreshes: () =>
      fake
        ? fake.count('refresh') + fake.count('slidingRefresh')
        : mock.control.count('refresh') + mock.control.count('slidingRefresh'),
    /** 401 answers outside the token endpoints. */
    unauthorized: () =>
      fake
        ? fake.unauthorized()
        : mock.control.requests.filter(
            (r) => r.status === 401 && !/refresh|obtain|blacklist|verify/i.test(r.endpoint ?? ''),
          ).length,
    /** Requests the server answered. */
    requests: () => (fake ? fake.count() : mock.control.requests.length),
    /** Moves the server's clock (not the device's) by `ms`: tokens expire on the server while the device thinks them fresh. */
    advanceServerClock: (ms: number) => {
      skewMs += ms;
    },
    /** Destroys every client this world made. */
    teardown: () => clients.splice(0).forEach((c) => c.destroy()),
  };
}

/** A world's type. */
export type World = ReturnType<typeof createWorld>;

/** The held refreshes of {@link refreshGate}: `arrived` settles when a refresh waits, `release()` lets it through. */
export interface HeldRefresh {
  arrived: Promise<void>;
  release(): void;
}

/**
 * Refreshes held at the server on demand, for a test fetch that wraps the server's: `pass(request)`
 * waits while a hold is on and the request is a refresh; `hold()` starts a hold.
 */
export function refreshGate() {
  let gate: Promise<void> | null = null;
  let arrived: (() => void) | null = null;
  return {
    async pass(request: Request): Promise<void> {
      if (!gate || !request.url.endsWith('/api/token/refresh/')) return;
      arrived?.();
      await gate;
    },
    hold(): HeldRefresh {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      return {
        arrived: reached,
        release: () => {
          gate = null;
          release();
        },
      };
    },
  };
}

/** Waits until `predicate` holds, flushing async work in between (no timers advanced). */
export async function until(world: TestPlatform, predicate: () => boolean, rounds = 50): Promise<void> {
  for (let i = 0; i < rounds && !predicate(); i++) await world.flush();
  if (!predicate()) throw new Error('condition not reached');
}

/** Two clients ("tabs") of one world sharing its storage, with alice logged in through the first. */
export async function twoTabsLoggedIn(env: World) {
  const tabA = env.client();
  const tabB = env.client({}, env.world.fork());
  await Promise.all([tabA.ready, tabB.ready]);
  await tabA.login(alice);
  await env.world.flush();
  return { tabA, tabB };
}

/**
 * Advances virtual time in steps, so that a refresh fired by a timer (real async work in the
 * mock: WebCrypto) completes and re-arms the next timer before time moves far past it, however
 * loaded the machine is. With the fake server one step is enough.
 */
export async function advanceInSteps(world: TestPlatform, ms: number, step = 1_000): Promise<void> {
  for (let left = ms; left > 0; left -= step) {
    await world.advance(Math.min(step, left));
    await world.flush();
  }
}

/**
 * Calls `auth.fetch(path)` every `everyMs` of virtual time for `durationMs` without waiting for the
 * answers (a busy app), then lets the last ones settle; returns how many calls failed.
 */
export async function useContinuously(
  world: TestPlatform,
  auth: { fetch(input: string): Promise<Response> },
  durationMs: number,
  everyMs = 100,
  path = 'api/me/',
): Promise<number> {
  const calls: Array<Promise<boolean>> = [];
  for (let t = 0; t < durationMs; t += everyMs) {
    calls.push(
      auth.fetch(path).then(
        (response) => response.status === 200,
        () => false,
      ),
    );
    await world.advance(everyMs);
  }
  await world.advance(5_000);
  return (await Promise.all(calls)).filter((ok) => !ok).length;
}
