/** Exact counts of the session lifecycle (the bench's lifecycle rows), on the fake token server. */
import { describe, expect, it } from 'vitest';
import { cadence, idleRefreshes, logoutRace } from '../bench/lifecycle-scenarios.js';

describe('session lifecycle counts', () => {
  it('an idle client sends 0 refreshes in 10 lifetimes', async () => {
    expect(await idleRefreshes(10)).toBe(0);
  });

  it.each([2, 60, 300])(
    'continuous use of %i s tokens: at most 1.5 refreshes per lifetime, 0 failed calls, 0 × 401',
    async (s) => {
      const result = await cadence(s);
      expect(result).toMatchObject({ failedCalls: 0, unauthorized: 0 });
      expect(result.perLifetime).toBeLessThanOrEqual(1.5);
    },
  );

  it.each([
    ['this tab', 0],
    ['this tab', 5],
    ['this tab', 10],
    ['this tab', 20],
    ['this tab', 40],
    ['another tab', 0],
    ['another tab', 10],
    ['another tab', 40],
  ] as const)('logout %s, %i ms into a refresh: 0 refresh tokens alive after', async (where, at) => {
    const result = await logoutRace(where, at);
    expect(result.issued).toBeGreaterThanOrEqual(1);
    expect(result.alive).toBe(0);
  });
});
