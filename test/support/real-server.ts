/**
 * Set-up of the real-server suite (`test/real-server/`): one Django + SimpleJWT server and one
 * counting proxy per test file, core clients pointed at the proxy and destroyed after each test,
 * and the probe that proves a refresh token is dead on the real server.
 */
import {
  type AuthClient,
  type AuthClientOptions,
  type AuthEvent,
  type StorageAdapter,
  createAuthClient,
  memoryStorage,
} from '@simplejwt-client/core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type CountingProxy, startCountingProxy } from './counting-proxy.js';
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

/** A client of the suite with the events it emitted and the storage it uses. */
export interface TestClient {
  auth: AuthClient<{ user_id?: number }>;
  events: AuthEvent[];
  storage: StorageAdapter;
  /** The stored session value (null when logged out). */
  stored(): Promise<string | null>;
}

/** The servers of one test file. */
export interface RealServer {
  readonly django: RunningDjango;
  readonly proxy: CountingProxy;
  /** A client on the proxy (memory storage unless given); destroyed after the test. */
  client(options?: Partial<AuthClientOptions<{ user_id?: number }>>): TestClient;
}

/**
 * Registers the hooks of a test file: Django (`env`, `version`) and a proxy in front of it for the
 * whole file; after each test every client is destroyed and the proxy's log is cleared.
 */
export function useRealServer(env: DjangoEnv = {}, version: SimpleJwtVersion = '5.2'): RealServer {
  let django: RunningDjango | undefined;
  let proxy: CountingProxy | undefined;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    django = await startDjango(env, version);
    proxy = await startCountingProxy(django.url);
  });
  afterEach(async () => {
    for (const { auth } of clients.splice(0)) auth.destroy();
    await proxy?.quiet();
    proxy?.reset();
  });
  afterAll(async () => {
    await proxy?.close();
    await django?.stop();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The real server is not started');
    return value;
  };
  return {
    get django() {
      return started(django);
    },
    get proxy() {
      return started(proxy);
    },
    client(options = {}) {
      const storage = options.storage ?? memoryStorage();
      const auth = createAuthClient<{ user_id?: number }>({ baseUrl: started(proxy).url, ...options, storage });
      const events: AuthEvent[] = [];
      auth.on((event) => events.push(event));
      const key = options.storageKey ?? STORAGE_KEY;
      const client: TestClient = { auth, events, storage, stored: async () => (await storage.getItem(key)) ?? null };
      clients.push(client);
      return client;
    },
  };
}

/** How the real refresh endpoint answered one probed token. */
export interface ProbeResult {
  /** Index of the token in the probed list. */
  token: number;
  status: number;
  detail?: string;
}

/**
 * Presents every token on the real server's refresh endpoint (directly, not through the proxy or
 * the client) and returns the answers. A rejected token gets 401; anything else means the server
 * still took it (with rotation the probe consumed it, and blacklists the fresh token it got).
 */
export async function probeRefreshTokens(upstream: string, tokens: readonly string[]): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const [index, refresh] of tokens.entries()) {
    const response = await fetch(new URL('api/token/refresh/', upstream), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ refresh }),
    });
    const text = await response.text();
    let detail: string | undefined;
    try {
      const body = JSON.parse(text) as { detail?: unknown; refresh?: unknown };
      if (typeof body.detail === 'string') detail = body.detail;
      // The probe's own fresh token (rotation) goes straight to the blacklist: it belongs to no one.
      if (typeof body.refresh === 'string') await blacklist(upstream, body.refresh);
    } catch {
      detail = text.slice(0, 80);
    }
    results.push({ token: index, status: response.status, ...(detail === undefined ? {} : { detail }) });
  }
  return results;
}

/** Blacklists `refresh` on the real server, directly. */
async function blacklist(upstream: string, refresh: string): Promise<void> {
  const response = await fetch(new URL('api/token/blacklist/', upstream), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ refresh }),
  });
  await response.text();
}

/** The probe results of tokens the server did not reject with 401. */
export function accepted(results: readonly ProbeResult[]): ProbeResult[] {
  return results.filter((result) => result.status !== 401);
}

/** The `session-expired` events among `events`. */
export function sessionExpiredEvents(events: readonly AuthEvent[]): AuthEvent[] {
  return events.filter((event) => event.type === 'session-expired');
}

/** A plain view of an error for exact assertions: its class name, code, and (when present) reason and status. */
export function errorView(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { thrown: String(error) };
  const { code, reason, status } = error as Error & { code?: unknown; reason?: unknown; status?: unknown };
  return { name: error.name, code, reason, status };
}

/**
 * Asserts (softly, so every difference shows) that the server ended the session: `outcome`, the
 * call that found out, rejected with `SessionExpiredError` carrying `reason`; every client is
 * logged out with empty storage; `finder` emitted exactly one `session-expired` event, with that
 * reason. `log` (the proxy's) goes into the message of a failed assertion.
 */
export async function expectSessionEnded(
  outcome: Settled<unknown>,
  reason: string,
  finder: TestClient,
  others: TestClient[] = [],
  log = '',
): Promise<void> {
  const expected = { name: 'SessionExpiredError', code: 'session_expired', reason };
  const seen = outcome.ok
    ? `resolved ${outcome.value instanceof Response ? `HTTP ${outcome.value.status}` : String(outcome.value)}`
    : errorView(outcome.error);
  expect.soft(seen, `the call that found out\n${log}`).toMatchObject(expected);
  for (const client of [finder, ...others]) {
    expect.soft(client.auth.getState().status, 'status').toBe('unauthenticated');
    expect.soft((await client.stored()) === null ? null : 'a stored session', 'storage').toBeNull();
  }
  const events = sessionExpiredEvents(finder.events).map((event) => ('error' in event ? errorView(event.error) : {}));
  expect.soft(events, 'session-expired events').toEqual([expect.objectContaining(expected)]);
}

/** What continuous use of a client produced. */
export interface Usage {
  /** Calls made. */
  calls: number;
  /** Each call that did not answer 200: its status, or the error's class and code. */
  failed: string[];
  /** Refresh requests the proxy saw meanwhile. */
  refreshes: number;
  /** How long the use lasted, in ms. */
  ms: number;
}

/**
 * Uses `auth` like a busy page for `ms`: one `GET api/me/` after another, `gapMs` apart, and
 * returns the calls, the failures and the refresh requests the proxy saw meanwhile.
 */
export async function useContinuously(
  server: RealServer,
  auth: TestClient['auth'],
  ms: number,
  gapMs = 50,
): Promise<Usage> {
  const refreshesBefore = server.proxy.count('refresh');
  const started = Date.now();
  const failed: string[] = [];
  let calls = 0;
  while (Date.now() - started < ms) {
    calls += 1;
    const outcome = await settle(auth.fetch('api/me/'));
    if (!outcome.ok) failed.push(JSON.stringify(errorView(outcome.error)));
    else if (outcome.value.status !== 200) failed.push(`HTTP ${outcome.value.status}`);
    await sleep(gapMs);
  }
  return { calls, failed, refreshes: server.proxy.count('refresh') - refreshesBefore, ms: Date.now() - started };
}

/** Refreshes per access-token lifetime during `usage`. */
export const refreshesPerLifetime = (usage: Usage, lifetimeMs: number): number =>
  usage.refreshes / (usage.ms / lifetimeMs);
