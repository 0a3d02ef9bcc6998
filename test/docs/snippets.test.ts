/**
 * Every `ts` / `tsx` block of `docs/*.md` is type-checked (with `tsc`, against the dependencies of
 * the example its `env=` names, with that platform's compiler settings), and blocks marked `run`
 * are executed. A block without `check` fails the test: no snippet goes unchecked.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOpenApiTypes } from './openapi-types.js';
import { snippetsOf, type Snippet, type SnippetEnv } from './snippets.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Outside the repository: the folders get a symlinked node_modules, which no test runner or linter
// walking the repository should follow.
const out = mkdtempSync(join(tmpdir(), 'docs-snippets-'));
const docs = readdirSync(join(root, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);
const snippets = docs.flatMap((doc) => snippetsOf(root, doc));

/** Per env: whose node_modules the blocks resolve against, and the compiler options on top of the repo's. */
const ENVIRONMENTS: Record<SnippetEnv, { modules: string; compilerOptions: Record<string, unknown> }> = {
  // The test workspace's dependencies; Node's types from the root.
  default: {
    modules: 'test/node_modules',
    compilerOptions: { types: ['node'], typeRoots: [join(root, 'node_modules/@types')] },
  },
  // The same, resolved as a bundler (Vite, webpack, Next.js) does: what apps with CommonJS-typed
  // axios plugins (axios-jwt, axios-auth-refresh) compile with.
  bundler: {
    modules: 'test/node_modules',
    compilerOptions: {
      module: 'esnext',
      moduleResolution: 'bundler',
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
    },
  },
  nextjs: {
    modules: 'examples/nextjs/node_modules',
    compilerOptions: {
      module: 'esnext',
      moduleResolution: 'bundler',
      types: ['node'],
      typeRoots: [join(root, 'examples/nextjs/node_modules/@types')],
    },
  },
  vite: {
    modules: 'examples/react-app/node_modules',
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler' },
  },
  // React Native's settings: no DOM library, its export condition.
  'react-native': {
    modules: 'examples/react-native/node_modules',
    compilerOptions: {
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['ES2022'],
      customConditions: ['react-native'],
    },
  },
};

const pathOf = (s: Snippet) => join(out, s.env, s.doc.replace(/^docs\/|\.md$/g, ''), s.file);

beforeAll(async () => {
  for (const [env, setup] of Object.entries(ENVIRONMENTS)) {
    const dir = join(out, env);
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(root, setup.modules), join(dir, 'node_modules'), 'dir');
    const tsconfig = {
      extends: join(root, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, types: [], ...setup.compilerOptions },
      include: ['**/*.ts', '**/*.tsx'],
      exclude: ['node_modules'],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n'); // ESM, as the repository's packages
  }
  for (const s of snippets.filter((s) => s.checked)) {
    mkdirSync(dirname(pathOf(s)), { recursive: true });
    writeFileSync(pathOf(s), s.code);
  }
  await generateOpenApiTypes(root, out);
}, 60_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('docs snippets', () => {
  it('every ts/tsx block is marked `check`, and each recipe has checked blocks', () => {
    expect(snippets.filter((s) => !s.checked).map((s) => `${s.doc}:${s.line}`)).toEqual([]);
    for (const doc of [
      'docs/nextjs.md',
      'docs/vite-msw.md',
      'docs/react-native.md',
      'docs/axios.md',
      'docs/tanstack-query.md',
      'docs/openapi.md',
    ])
      expect(snippets.filter((s) => s.doc === doc).length, doc).toBeGreaterThan(0);
  });

  const envs = [...new Set(snippets.map((s) => s.env))];
  it.each(envs)(
    'the %s blocks type-check',
    async (env) => {
      const tsc = join(root, 'node_modules/.bin/tsc');
      const result = await promisify(execFile)(tsc, ['-p', join(out, env, 'tsconfig.json')]).then(
        () => '',
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      expect(result).toBe('');
    },
    120_000,
  );

  const runnable = snippets.filter((s) => s.run);
  it.each(runnable.map((s) => [`${s.doc}:${s.line}`, s] as const))('%s runs', async (_name, s) => {
    expect(s.env).toBe('default'); // executed by vitest here, with the workspace's packages
    await import(pathToFileURL(pathOf(s)).href);
  });
});
