import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('react');
  vi.resetModules();
});

describe('the core package', () => {
  it('never imports react', async () => {
    vi.doMock('react', () => {
      throw new Error('the core must not import react');
    });
    const core = await import('../index.js');
    expect(typeof core.createAuthClient).toBe('function');
  });

  it('touches no browser global when imported', async () => {
    const names = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'BroadcastChannel'] as const;
    const saved = names.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
    for (const name of names) {
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          throw new Error(`${name} read at import time`);
        },
      });
    }
    try {
      vi.resetModules();
      await import('../index.js');
      await import('../ky.js');
    } finally {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete (globalThis as Record<string, unknown>)[name];
      }
    }
  });
});
