/**
 * Per-call cost of a valid token, as exact counts: `getAccessToken()` and `auth.fetch` do no
 * storage read or write, no token decode and no lock acquisition once the session is loaded.
 * Decodes are counted by wrapping the core's only decoder, `jwt-decode`'s `jwtDecode`.
 */
import { describe, expect, it, vi } from 'vitest';
import { createAuthClient, memoryStorage } from '@simplejwt-client/core';
import { createTestPlatform } from '@simplejwt-client/core/testing';
import { jwtDecode } from 'jwt-decode';
import { alice, baseUrl, countingLocks, countingStorage, tinyTokenServer } from '../bench/support.js';

vi.mock('jwt-decode', async (importOriginal) => {
  const original = await importOriginal<typeof import('jwt-decode')>();
  return { ...original, jwtDecode: vi.fn(original.jwtDecode) };
});

async function loggedIn() {
  let now = (): number => 0;
  const server = tinyTokenServer(() => now(), 3600);
  const platform = createTestPlatform({ fetch: server.fetch });
  now = () => platform.now();
  const { storage, counts } = countingStorage(memoryStorage());
  const { locks, counts: lockCounts } = countingLocks(platform.locks);
  const auth = createAuthClient({ baseUrl, storage, platform: { ...platform, locks } });
  await auth.ready;
  await auth.login(alice);
  const decodes = vi.mocked(jwtDecode);
  expect(decodes.mock.calls.length).toBeGreaterThan(0); // the wrapper does see the core's decodes
  const snapshot = () => ({
    reads: counts.getItem,
    writes: counts.setItem + counts.removeItem,
    decodes: decodes.mock.calls.length,
    locks: lockCounts.requests,
    requests: server.counts.obtain + server.counts.refresh,
  });
  return { auth, server, snapshot };
}

describe('cost of a valid token per call', () => {
  it('getAccessToken(): 0 storage reads, 0 writes, 0 decodes, 0 locks, 0 requests over 1 000 calls', async () => {
    const { auth, snapshot } = await loggedIn();
    const before = snapshot();
    for (let i = 0; i < 1000; i++) await auth.getAccessToken();
    expect(snapshot()).toEqual(before);
    auth.destroy();
  });

  it('auth.fetch: 0 storage reads, 0 writes, 0 decodes, 0 locks, 0 token requests over 100 requests', async () => {
    const { auth, server, snapshot } = await loggedIn();
    const before = snapshot();
    for (let i = 0; i < 100; i++) await (await auth.fetch('api/me/')).text();
    expect(snapshot()).toEqual(before);
    expect(server.counts.other).toBe(100);
    auth.destroy();
  });
});
