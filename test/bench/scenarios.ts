/**
 * The bench's scenarios that produce exact counts. Each returns plain numbers; the bench prints
 * them (with timings) and fails on a wrong count, and `bench-counts/*.test.ts` asserts the cheap
 * ones in the test command. Nothing here asserts on time.
 */
import { createAuthClient, memoryStorage } from '@simplejwt-client/core';
import { createAuthAxios } from '@simplejwt-client/core/axios';
import { createAuthKy } from '@simplejwt-client/core/ky';
import { createTestPlatform } from '@simplejwt-client/core/testing';
import { alice, baseUrl, countingTimers, rotating, tinyTokenServer, world } from './support.js';

export interface AmplificationCase {
  /** Concurrent callers. */
  n: number;
  /** Client instances sharing one storage (tabs). */
  instances: number;
  path: 'fetch' | 'ky' | 'axios';
  /**
   * `expired`: the device knows the access token expired (clock moved past `exp`).
   * `rejected`: the device thinks it is fresh but the server's clock is past `exp`: every caller
   * gets a 401 and must be retried after one shared refresh.
   */
  mode: 'expired' | 'rejected';
}

export interface AmplificationResult extends AmplificationCase {
  refreshes: number;
  failed: number;
  /** 401s from the protected endpoint (expected: 0 when expired, n when rejected). */
  unauthorized: number;
  ms: number;
}

/** N concurrent requests with an expired token → refresh requests sent (must be 1), failed callers (must be 0). */
export async function amplification(c: AmplificationCase): Promise<AmplificationResult> {
  const env = world({ settings: rotating });
  try {
    const clients = Array.from({ length: c.instances }, (_, i) =>
      env.client({}, i === 0 ? env.platform : env.platform.fork()),
    );
    await Promise.all(clients.map((client) => client.ready));
    await clients[0]!.login(alice);
    await env.platform.flush();
    const kys = clients.map((client) => createAuthKy(client, { retry: 0 }));
    const axioses = clients.map((client) => createAuthAxios(client));
    if (c.mode === 'expired') env.platform.setNow(env.platform.now() + 301_000);
    else env.mock.control.advanceClock(301_000);
    const started = performance.now();
    const calls = Array.from({ length: c.n }, async (_, i) => {
      if (c.path === 'ky') return kys[i % c.instances]!.get('api/me/').json();
      if (c.path === 'axios') return (await axioses[i % c.instances]!.get('api/me/')).data;
      const response = await clients[i % c.instances]!.fetch('api/me/');
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    });
    const settled = await Promise.allSettled(calls);
    const ms = performance.now() - started;
    return {
      ...c,
      refreshes: env.refreshes(),
      failed: settled.filter((s) => s.status === 'rejected').length,
      unauthorized: env.unauthorized(),
      ms,
    };
  } finally {
    env.teardown();
  }
}

export interface StartupResult {
  expired: boolean;
  /** Status right after createAuthClient returned (synchronous storage). */
  statusAtCreate: string;
  statusAfterReady: string;
  /** Network requests between createAuthClient and `authenticated`. */
  requests: number;
  refreshes: number;
  /** createAuthClient → authenticated (in-process mock, virtual-time platform). */
  ms: number;
}

/** From createAuthClient with stored tokens to `authenticated`: requests (0 when valid, exactly 1 when expired). */
export async function startup(expired: boolean): Promise<StartupResult> {
  const env = world();
  try {
    const first = env.client();
    await first.ready;
    await first.login(alice);
    first.destroy();
    if (expired) env.platform.setNow(env.platform.now() + 301_000);
    const before = env.requests();
    const refreshesBefore = env.refreshes();
    const started = performance.now();
    const auth = env.client();
    const statusAtCreate = auth.getState().status;
    if (statusAtCreate !== 'authenticated') await auth.ready;
    const ms = performance.now() - started;
    await env.platform.flush();
    return {
      expired,
      statusAtCreate,
      statusAfterReady: auth.getState().status,
      requests: env.requests() - before,
      refreshes: env.refreshes() - refreshesBefore,
      ms,
    };
  } finally {
    env.teardown();
  }
}

export interface WastedResult {
  sessionMinutes: number;
  lifetimeS: number;
  leewayS: number;
  apiRequests: number;
  unauthorized: number;
  refreshes: number;
  /** The issue's goal: ⌈session ÷ lifetime⌉. */
  goal: number;
  /** The most refreshes a proactive refresh `leeway` before expiry can need: ⌈session ÷ (lifetime − leeway)⌉. */
  bound: number;
  timerWakeups: number;
  timersSet: number;
  failed: number;
}

/**
 * A simulated hour with 5-minute access tokens: 20 min active (a request every 15 s), a 10-minute
 * sleep (wall clock jumps, no timer fires, then a wake-up signal), 10 min active, 10 min in a
 * hidden tab (wall clock moves, no timer fires, a request a minute), then visible again for 10 min.
 */
export async function wastedRoundTrips(): Promise<WastedResult> {
  const lifetimeS = 300;
  const leewayS = 30;
  const env = world({ settings: { ACCESS_TOKEN_LIFETIME: lifetimeS } });
  const { timers, counts } = countingTimers(env.platform.timers);
  const auth = env.client({ refreshLeeway: leewayS }, { ...env.platform, timers } as never);
  const p = env.platform;
  let apiRequests = 0;
  let failed = 0;
  const request = async (): Promise<void> => {
    apiRequests++;
    try {
      const response = await auth.fetch('api/me/');
      if (!response.ok) failed++;
      await response.body?.cancel();
    } catch {
      failed++;
    }
  };
  try {
    await auth.ready;
    const start = p.now();
    await auth.login(alice);
    const minute = 60_000;
    const active = async (minutes: number): Promise<void> => {
      for (let i = 0; i < minutes * 4; i++) {
        await p.advance(15_000);
        await request();
      }
    };
    const hidden = async (minutes: number): Promise<void> => {
      // A hidden or frozen tab: time passes, no timer fires, a request now and then.
      for (let i = 0; i < minutes * 4; i++) {
        p.setNow(p.now() + 15_000);
        if (i % 4 === 3) await request();
        await p.flush();
      }
      p.wake();
      await p.flush();
    };
    await active(20);
    p.setNow(p.now() + 10 * minute); // asleep: no timers, no requests
    p.wake();
    await p.flush();
    await active(10);
    await hidden(10);
    await active(10);
    const sessionMs = p.now() - start;
    return {
      sessionMinutes: Math.round(sessionMs / minute),
      lifetimeS,
      leewayS,
      apiRequests,
      unauthorized: env.unauthorized(),
      refreshes: env.refreshes(),
      goal: Math.ceil(sessionMs / 1000 / lifetimeS),
      bound: Math.ceil(sessionMs / 1000 / (lifetimeS - leewayS)),
      timerWakeups: counts.fired,
      timersSet: counts.set,
      failed,
    };
  } finally {
    env.teardown();
  }
}

export interface SoakSample {
  cycles: number;
  pendingTimers: number;
  listeners: number;
  channels: number;
  heapBytes: number | null;
}

export interface SoakResult {
  cycles: number;
  refreshes: number;
  samples: SoakSample[];
  afterDestroy: SoakSample;
  ms: number;
}

/**
 * `cycles` refresh cycles under virtual time, each driven by the client's own timer: the tiny token
 * server (no request log) keeps heap growth the client's. Samples timers, listeners, channels and
 * (with --expose-gc) heap after GC, then again after destroy().
 */
export async function soak(cycles: number, sampleEvery = Math.max(1, Math.floor(cycles / 4))): Promise<SoakResult> {
  let now = (): number => 0;
  const server = tinyTokenServer(() => now());
  const p = createTestPlatform({ fetch: server.fetch });
  now = () => p.now();
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = (): number | null => {
    if (!gc) return null;
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  // keepAlive: refreshes on the timer alone, one per lifetime, with no requests to drive them.
  const auth = createAuthClient({ baseUrl, storage: memoryStorage(), platform: p, keepAlive: true });
  const sample = (): SoakSample => ({
    cycles: server.counts.refresh,
    pendingTimers: p.pendingTimers(),
    listeners: p.listenerCount(),
    channels: p.openChannels(),
    heapBytes: heap(),
  });
  await auth.ready;
  await auth.login(alice);
  const samples: SoakSample[] = [sample()];
  const started = performance.now();
  // A 5-minute token is refreshed 30 s before expiry: one refresh per 270 s of virtual time.
  let guard = 0;
  while (server.counts.refresh < cycles && guard++ < cycles * 3) {
    await p.advance(270_000);
    if (server.counts.refresh % sampleEvery === 0 && samples.at(-1)!.cycles !== server.counts.refresh)
      samples.push(sample());
  }
  const ms = performance.now() - started;
  if (samples.at(-1)!.cycles !== server.counts.refresh) samples.push(sample());
  const refreshes = server.counts.refresh;
  auth.destroy();
  await p.flush();
  return { cycles, refreshes, samples, afterDestroy: sample(), ms };
}
