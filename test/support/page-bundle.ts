/**
 * Bundles an e2e page for Chromium from the workspace packages' TypeScript source (`source`
 * condition, browser build), once per entry and process.
 */
import { build, type BuildOptions } from 'esbuild';

const bundles = new Map<string, Promise<string>>();

/** The browser bundle of `entry` (an absolute path); `extra` adds esbuild options (JSX, defines). */
export function bundlePage(entry: string, extra: BuildOptions = {}): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['source'],
      logLevel: 'silent',
      ...extra,
    }).then((result) => {
      const file = result.outputFiles?.[0];
      if (!file) throw new Error(`esbuild produced no output for ${entry}`);
      return file.text;
    });
    bundles.set(entry, bundle);
  }
  return bundle;
}
