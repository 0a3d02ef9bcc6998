/**
 * The bench's cheap exact counts, asserted in the test command (the bench itself is not part of
 * it): refresh amplification up to N = 1000, start-up requests, leaked timers and listeners after
 * destroy(). Never on time.
 */
import { describe, expect, it } from 'vitest';
import { amplification, soak, startup, wastedRoundTrips, type AmplificationCase } from '../bench/scenarios.js';

describe('refresh amplification: N concurrent requests on an expired token', () => {
  const cases: AmplificationCase[] = [1, 10, 100, 1000].flatMap((n) =>
    (['fetch', 'ky', 'axios'] as const).flatMap((path) =>
      [1, 10].map((instances) => ({ n, path, instances, mode: 'expired' as const })),
    ),
  );
  cases.push(
    { n: 100, path: 'fetch', instances: 1, mode: 'rejected' },
    { n: 100, path: 'ky', instances: 10, mode: 'rejected' },
    { n: 100, path: 'axios', instances: 1, mode: 'rejected' },
    { n: 1000, path: 'axios', instances: 10, mode: 'rejected' },
  );
  it.each(cases)('N=$n on $path across $instances instance(s), $mode: 1 refresh, 0 failed callers', async (c) => {
    const result = await amplification(c);
    expect({ refreshes: result.refreshes, failed: result.failed }).toEqual({ refreshes: 1, failed: 0 });
    expect(result.unauthorized).toBe(c.mode === 'rejected' ? c.n : 0);
  });
});

describe('start-up', () => {
  it('valid stored tokens: authenticated at once with 0 requests', async () => {
    const result = await startup(false);
    expect(result).toMatchObject({ statusAtCreate: 'authenticated', statusAfterReady: 'authenticated', requests: 0 });
  });

  it('expired access token: exactly 1 request (the refresh)', async () => {
    const result = await startup(true);
    expect(result).toMatchObject({ statusAfterReady: 'authenticated', requests: 1, refreshes: 1 });
  });
});

describe('wasted round trips over a simulated hour', () => {
  it('sends no request that gets a 401, and at most ⌈session ÷ (lifetime − leeway)⌉ refreshes', async () => {
    const result = await wastedRoundTrips();
    expect(result.unauthorized).toBe(0);
    expect(result.failed).toBe(0);
    expect(result.refreshes).toBeLessThanOrEqual(result.bound);
  });
});

describe('soak: refresh cycles under virtual time', () => {
  it('keeps one timer and constant listeners while running, and leaks none after destroy()', async () => {
    const result = await soak(300, 100);
    expect(result.refreshes).toBe(300);
    const first = result.samples[0]!;
    for (const s of result.samples) {
      expect({ timers: s.pendingTimers, listeners: s.listeners, channels: s.channels }).toEqual({
        timers: first.pendingTimers,
        listeners: first.listeners,
        channels: first.channels,
      });
    }
    expect(first.pendingTimers).toBe(1);
    expect(result.afterDestroy).toMatchObject({ pendingTimers: 0, listeners: 0, channels: 0 });
  });
});
