import { afterEach, describe, expect, it } from 'vitest';
import { memoryStorage, type StorageAdapter } from '../index.js';
import { alice, setup } from './support.js';

let env: ReturnType<typeof setup>;
afterEach(() => env.teardown());

/** Logs in once with a throwaway client and returns the stored session string. */
async function storedSession(e: ReturnType<typeof setup>): Promise<string> {
  const first = e.client();
  await first.ready;
  await first.login(alice);
  first.destroy();
  return (await e.storage.getItem('simplejwt-client'))!;
}

describe('start-up', () => {
  it('is authenticated synchronously with valid stored tokens and sync storage, with zero requests', async () => {
    env = setup();
    await storedSession(env);
    const before = env.mock.control.requests.length;
    const auth = env.client();
    expect(auth.getState().status).toBe('authenticated');
    expect(auth.getState().claims).toMatchObject({ user_id: 1 });
    await env.world.flush();
    expect(env.mock.control.requests.length).toBe(before);
  });

  it('stays initializing with async storage until it has read it, still with zero requests', async () => {
    const backing = memoryStorage();
    const asyncStorage: StorageAdapter = {
      getItem: async (k) => backing.getItem(k),
      setItem: async (k, v) => backing.setItem(k, v),
      removeItem: async (k) => backing.removeItem(k),
    };
    env = setup({ storage: asyncStorage });
    await storedSession(env);
    const before = env.mock.control.requests.length;
    const auth = env.client();
    expect(auth.getState().status).toBe('initializing');
    await auth.ready;
    expect(auth.getState().status).toBe('authenticated');
    expect(env.mock.control.requests.length).toBe(before);
  });

  it('refreshes exactly once while initializing when the stored access token has expired', async () => {
    env = setup();
    await storedSession(env);
    await env.world.advance(301_000);
    const auth = env.client();
    expect(auth.getState().status).toBe('initializing');
    await auth.ready;
    expect(auth.getState().status).toBe('authenticated');
    expect(env.refreshes()).toBe(1);
  });

  it('starts logged out, without a request, when the stored refresh token has expired too', async () => {
    env = setup();
    await storedSession(env);
    env.world.setNow(env.world.now() + 86_401_000);
    const auth = env.client();
    expect(auth.getState().status).toBe('unauthenticated');
    expect(env.refreshes()).toBe(0);
    expect(await env.storage.getItem('simplejwt-client')).toBeNull();
  });

  it.each([
    ['not JSON', '{not json'],
    ['a foreign value', '"some other app"'],
    ['another version', JSON.stringify({ v: 99, access: 'x' })],
    ['a malformed token', JSON.stringify({ v: 1, access: 'not.a.jwt', refresh: 'x' })],
    ['a token without exp', JSON.stringify({ v: 1, access: 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoxfQ.sig' })],
  ])('starts cleanly logged out from corrupted storage: %s', async (_name, value) => {
    env = setup();
    await env.storage.setItem('simplejwt-client', value);
    const warnings: string[] = [];
    const auth = env.client({ logger: { debug() {}, warn: (m) => warnings.push(m), error() {} } });
    expect(auth.getState().status).toBe('unauthenticated');
    expect(warnings.join('\n')).toMatch(/foreign stored value/);
    expect(await env.storage.getItem('simplejwt-client')).toBeNull();
    await auth.login(alice);
    expect(auth.getState().status).toBe('authenticated');
  });

  it('degrades to memory with a reported warning when the storage throws, and keeps working', async () => {
    const throwing: StorageAdapter = {
      getItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    };
    env = setup({ storage: throwing });
    const warnings: string[] = [];
    const auth = env.client({ logger: { debug() {}, warn: (m) => warnings.push(m), error() {} } });
    expect(auth.getState().status).toBe('unauthenticated');
    await auth.login(alice);
    expect(auth.getState().status).toBe('authenticated');
    // Reported once, at the first failure (the read at creation), not on every later write.
    expect(warnings.filter((w) => /Storage \w+ failed/.test(w))).toHaveLength(1);
    expect(await auth.getAccessToken()).toEqual(expect.any(String));
  });
});
