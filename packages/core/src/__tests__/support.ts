import { createSimpleJwtMock } from '@simplejwt-client/mock-server';
import {
  createAuthClient,
  memoryStorage,
  type AuthClientOptions,
  type AuthEvent,
  type StorageAdapter,
} from '../index.js';
import { createTestPlatform, type TestPlatform } from '../testing.js';

export const baseUrl = 'https://api.example.com/';
export const alice = { username: 'alice', password: 'alice-password-1' };

type MockOptions = NonNullable<Parameters<typeof createSimpleJwtMock>[0]>;

/** One simulated world: virtual time, the SimpleJWT mock on it, a shared storage, and clients. */
export function setup(
  options: {
    settings?: MockOptions['settings'];
    mock?: Partial<MockOptions>;
    storage?: StorageAdapter;
    /** Server clock minus device clock. */
    skewMs?: number;
  } = {},
) {
  let world: TestPlatform | undefined;
  const mock = createSimpleJwtMock({
    baseUrl,
    clock: { now: () => world!.now() + (options.skewMs ?? 0) },
    ...options.mock,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  world = createTestPlatform({ fetch: mock.fetch });
  const storage = options.storage ?? memoryStorage();
  const clients: Array<{ destroy(): void }> = [];
  const events: AuthEvent[] = [];

  /** A client on `platform` (default: the world's first tab). */
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
    mock,
    storage,
    events,
    client,
    refreshes: () => mock.control.count('refresh'),
    /** 401 answers the mock sent outside the token endpoints. */
    unauthorized: () => mock.control.requests.filter((r) => r.status === 401 && r.endpoint !== 'refresh').length,
    /** Destroys every client this world made. */
    teardown: () => clients.splice(0).forEach((c) => c.destroy()),
  };
}

/** Waits until `predicate` holds, flushing async work in between (no timers advanced). */
export async function until(world: TestPlatform, predicate: () => boolean, rounds = 50): Promise<void> {
  for (let i = 0; i < rounds && !predicate(); i++) await world.flush();
  if (!predicate()) throw new Error('condition not reached');
}

/** Two clients ("tabs") of one world sharing its storage, with alice logged in through the first. */
export async function twoTabsLoggedIn(env: ReturnType<typeof setup>) {
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
 * loaded the machine is.
 */
export async function advanceInSteps(world: TestPlatform, ms: number, step = 1_000): Promise<void> {
  for (let left = ms; left > 0; left -= step) {
    await world.advance(Math.min(step, left));
    await world.flush();
  }
}
