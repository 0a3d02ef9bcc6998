/**
 * What each guarantee costs in the fetch-only typical import: the row is bundled again with one
 * core module swapped for a stub that leaves the guarantee out (esbuild plugin, source condition),
 * and the gzip difference is the guarantee's price. The stubs keep every other module as it is,
 * so a saving is a lower bound (the callers' code for the guarantee stays). A stub whose module is
 * no longer in the bundle throws, so a refactor cannot silently turn a row into "costs nothing".
 */
import type { Plugin } from 'esbuild';
import { bundle, compress, sizeRows } from './measure.js';

interface Stub {
  /** Source path under `packages/core/src/`. */
  module: string;
  /** The module's replacement (TypeScript). */
  contents: string;
}

interface Guarantee {
  what: string;
  stubs: Stub[];
}

/** The guarantees the session-lifecycle and earlier issues require, each with the stubs that leave it out. */
export const guarantees: Guarantee[] = [
  {
    what: 'diagnoses (header-type mismatch explained, cookie mode watched)',
    stubs: [
      {
        module: 'diagnostics.ts',
        contents: `import { ConfigurationError } from './errors.js';
          export const createDiagnostics = () => ({ report: (e: unknown) => e,
            headerIgnored: () => new ConfigurationError('auth_header_type_mismatch', 'authHeaderType'),
            watchCookieMode: () => () => {} });`,
      },
    ],
  },
  {
    what: 'a storage that throws falls back to memory',
    stubs: [{ module: 'storage/guard.ts', contents: 'export const guardStorage = (adapter: unknown) => adapter;' }],
  },
  {
    what: 'tokens redacted from errors and logs',
    stubs: [
      {
        module: 'redact.ts',
        contents: 'export const redactText = (s: string) => s; export const redact = (v: unknown) => v;',
      },
    ],
  },
  {
    what: 'cross-tab: Web Locks, BroadcastChannel or storage events, session sync',
    stubs: [
      {
        module: 'coordination/tab-sync.ts',
        contents: 'export const createTabSync = () => ({ publish() {}, close() {} });',
      },
      { module: 'platform/browser-transports.ts', contents: 'export const browserChannel = () => undefined;' },
      {
        module: 'platform/web-locks.ts',
        contents: `export const webLocks = () => ({ request: (_n: string, _o: unknown, task: (g: { waited: boolean }) => unknown) => task({ waited: false }) });`,
      },
    ],
  },
  {
    what: 'logout revokes every issued refresh token (local clear only instead)',
    stubs: [
      {
        module: 'logout.ts',
        contents: `export const createLogout = ({ owner }: any) => async () => { owner.beginLogout(); try { await owner.clearStored(); } finally { owner.endLogout(); } };`,
      },
    ],
  },
];

function stubPlugin(stubs: Stub[], used: Set<string>): Plugin {
  return {
    name: 'guarantee-stubs',
    setup(build) {
      build.onLoad({ filter: /packages\/core\/src\/.*\.ts$/ }, (args) => {
        const stub = stubs.find((s) => args.path.endsWith(`/packages/core/src/${s.module}`));
        if (!stub) return undefined;
        used.add(stub.module);
        return { contents: stub.contents.replace(/^\s+/gm, ''), loader: 'ts' };
      });
    },
  };
}

export interface GuaranteeCost {
  what: string;
  /** gzip bytes of the fetch-only typical import (with dependencies) without this guarantee. */
  without: number;
  /** gzip bytes it saves. */
  saves: number;
}

async function gzipWithout(stubs: Stub[]): Promise<number> {
  const row = sizeRows.find((r) => r.id === 'ours-fetch')!;
  const used = new Set<string>();
  const { code } = await bundle(row.entry, { plugins: [stubPlugin(stubs, used)] });
  const missing = stubs.filter((s) => !used.has(s.module)).map((s) => s.module);
  if (missing.length) throw new Error(`guarantee stubs no longer apply: ${missing.join(', ')}`);
  return compress(code).gzip;
}

/** The baseline, each guarantee left out alone, and all of them left out together. */
export async function guaranteeCosts(): Promise<{ baseline: number; rows: GuaranteeCost[]; allLeftOut: number }> {
  const baseline = await gzipWithout([]);
  const rows: GuaranteeCost[] = [];
  for (const g of guarantees) {
    const without = await gzipWithout(g.stubs);
    rows.push({ what: g.what, without, saves: baseline - without });
  }
  const allLeftOut = await gzipWithout(guarantees.flatMap((g) => g.stubs));
  return { baseline, rows, allLeftOut };
}
