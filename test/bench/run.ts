/**
 * `pnpm bench` entry: `node --expose-gc bench/run.ts`, on Node's native type stripping.
 *
 * The workspace packages resolve to their built `dist` (the root `pnpm bench` builds first). Two
 * resolve hooks make the rest work without a build step of our own:
 * - the TypeScript convention of importing `./x.js` for `./x.ts` (so the same files typecheck
 *   with tsc and run here and under vitest);
 * - `jwt-decode`, when imported by the core, goes through a counting wrapper, so the bench can
 *   report token decodes per `getAccessToken()` call.
 */
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';

const countingDecode = new URL('./counting-jwt-decode.ts', import.meta.url).href;

const { registerHooks } = nodeModule;
if (typeof registerHooks !== 'function') {
  console.error(`pnpm bench needs Node >= 22.15 (module.registerHooks); this is ${process.version}.`);
  process.exit(2);
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL;
    if (specifier === 'jwt-decode' && parent?.includes('/packages/core/')) {
      return { url: countingDecode, shortCircuit: true, format: 'module-typescript' };
    }
    if (parent?.startsWith('file:') && /^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
      const js = new URL(specifier, parent);
      if (!existsSync(fileURLToPath(js))) {
        const ts = new URL(specifier.replace(/\.js$/, '.ts'), parent);
        if (existsSync(fileURLToPath(ts))) return nextResolve(ts.href, context);
      }
    }
    return nextResolve(specifier, context);
  },
});

await import('./main.js');
