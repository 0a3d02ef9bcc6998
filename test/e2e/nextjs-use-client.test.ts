/**
 * `@simplejwt-client/react` in React Server Component trees (Next.js App Router): every module of
 * the built package that uses React (hooks, context, components) starts with the `'use client'`
 * directive, so a server component can import it and render `<AuthProvider>` / `<RequireAuth>`
 * without the bundler evaluating `createContext` on the server. The package is compiled exactly as
 * its `build` script does (its own tsconfig.build.json), into a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
let outDir: string;
let modules: Map<string, string>;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'react-dist-'));
  execFileSync(
    join(root, 'node_modules/.bin/tsc'),
    ['-p', join(root, 'packages/react/tsconfig.build.json'), '--outDir', outDir],
    { stdio: 'pipe' },
  );
  modules = new Map(
    readdirSync(outDir)
      .filter((name) => name.endsWith('.js'))
      .map((name) => [name, readFileSync(join(outDir, name), 'utf8')]),
  );
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Whether the module's first statement is the `'use client'` directive (comments may precede it). */
const startsWithUseClient = (code: string): boolean =>
  /^(?:\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*(['"])use client\1;?/.test(code);

it("every built module that imports React starts with 'use client'", () => {
  const usingReact = [...modules].filter(([, code]) => /from ['"]react(?:\/jsx-runtime)?['"]/.test(code));
  expect(usingReact.map(([name]) => name).sort()).toEqual([
    'context.js',
    'require-auth.js',
    'use-auth-state.js',
    'use-auth.js',
  ]);
  expect(usingReact.filter(([, code]) => !startsWithUseClient(code)).map(([name]) => name)).toEqual([]);
});

it('the hook modules built on the context are client modules too, and the index only re-exports', () => {
  expect(startsWithUseClient(modules.get('use-auth-fetch.js') ?? '')).toBe(true);
  const index = modules.get('index.js') ?? '';
  // The entry stays a plain module of re-exports: each export keeps its own module's directive.
  expect(
    index
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('//'))
      .every((line) => line.startsWith('export ')),
  ).toBe(true);
});

it('the directive check itself tells a client module from a plain one', () => {
  expect(startsWithUseClient("'use client';\nimport x from 'react';")).toBe(true);
  expect(startsWithUseClient('/** doc */\n"use client";')).toBe(true);
  expect(startsWithUseClient("import x from 'react';\n'use client';")).toBe(false);
});
