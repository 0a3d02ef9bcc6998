import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

// Globals that do not exist (or must not be touched) in Node, React Native or SSR.
const GUARDED = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'BroadcastChannel',
] as const;

const saved = new Map<string, PropertyDescriptor | undefined>();
const touched: string[] = [];

beforeEach(() => {
  touched.length = 0;
  for (const name of GUARDED) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name);
        throw new Error(`${name} was read while importing`);
      },
    });
  }
});

afterEach(() => {
  for (const name of GUARDED) {
    const descriptor = saved.get(name);
    if (descriptor === undefined) delete (globalThis as Record<string, unknown>)[name];
    else Object.defineProperty(globalThis, name, descriptor);
  }
});

const sourcesIn = (folder: string): string[] =>
  readdirSync(new URL(`../${folder}/`, import.meta.url))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => `../${folder}/${file.replace(/\.ts$/, '.js')}`);

it('imports every platform and storage module, and the testing entry, without touching browser globals', async () => {
  vi.resetModules();
  const modules = [...sourcesIn('platform'), ...sourcesIn('storage'), '../testing.js'];
  expect(modules).toContain('../platform/default.js');
  expect(modules).toContain('../storage/guard.js');
  for (const path of modules) {
    const loaded: unknown = await import(/* @vite-ignore */ path);
    expect(loaded, path).toBeTypeOf('object');
  }
  expect(touched).toEqual([]);
});
