/**
 * What the SDK adds to the JavaScript a page of the Next.js example downloads. Turbopack's
 * production chunks are `TURBOPACK.push([script, id, factory, id, factory, …])`; the SDK's module
 * factories are recognised by their content (the core, hoisted with jwt-decode and
 * zustand/vanilla, carries its `Symbol.for("simplejwt-client.…")` brands; the provider its error
 * message; the hooks and `RequireAuth` their calls), and their share is each chunk's gzip size
 * with and without them. Modules too small to recognise (`useAuthFetch` is one property read) are
 * not counted: the figure is a slight underestimate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The SDK's share of the client chunks a page loads. */
export interface SdkBundleFigure {
  /** The chunk files that hold SDK modules. */
  chunks: string[];
  /** How many SDK module factories were found (a module present in two chunks counts twice). */
  modules: number;
  /** Minified bytes of those modules. */
  minified: number;
  /** gzip -9 bytes the chunks lose when the SDK modules are taken out. */
  gzip: number;
}

const FACTORY = /,(\d+),(?:[a-z]|\([a-z,]*\))=>\{/g;
const SDK_MODULE = [
  /Symbol\.for\("simplejwt-client\./, // the core
  /@simplejwt-client\/react: no client found/, // AuthProvider, useAuthClient
  /useSyncExternalStore\)\([^)]*\.subscribe/, // useAuthState
  /isAuthenticated:"authenticated"===/, // useAuth
  /"authenticated"===\w+\?\w+:"initializing"===/, // RequireAuth
];

/** The script chunks referenced by a page's server HTML, e.g. `['2gh750o-farh7.js', …]`. */
export function chunksOfPage(html: string): string[] {
  return [...new Set([...html.matchAll(/\/_next\/static\/chunks\/([\w-]+\.js)/g)].map((m) => m[1]!))];
}

/** Measures the SDK in `chunks` of the Next.js build in `appDir`. */
export function measureSdkInChunks(appDir: string, chunks: readonly string[]): SdkBundleFigure {
  const figure: SdkBundleFigure = { chunks: [], modules: 0, minified: 0, gzip: 0 };
  for (const name of chunks) {
    const code = readFileSync(join(appDir, '.next/static/chunks', name), 'utf8');
    const starts = [...code.matchAll(FACTORY)].map((m) => m.index);
    const end = code.lastIndexOf(']);');
    const sdk = starts
      .map((start, i) => ({ start, end: starts[i + 1] ?? end }))
      .filter((m) => SDK_MODULE.some((pattern) => pattern.test(code.slice(m.start, m.end))));
    if (sdk.length === 0) continue;
    let without = code;
    for (const m of sdk.reverse()) without = without.slice(0, m.start) + without.slice(m.end);
    figure.chunks.push(name);
    figure.modules += sdk.length;
    figure.minified += code.length - without.length;
    figure.gzip += gzipSync(code, { level: 9 }).length - gzipSync(without, { level: 9 }).length;
  }
  return figure;
}
