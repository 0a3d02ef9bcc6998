/**
 * `pnpm --filter react-app start`: serves the example app with the SimpleJWT mock on one origin,
 * prints the URL and the demo users, logs every API request, and stops on Ctrl-C / SIGTERM.
 *
 * Runs on Node's own TypeScript support, with no build step: the start script passes
 * `--conditions=source` (workspace packages resolve to their TypeScript source), and the hook
 * below maps the TypeScript convention of importing `./x.js` to `./x.ts` when only the latter exists.
 *
 * Flags: `--port <n>` (default 5173, 0 = any free port), `--access-lifetime <seconds>` (default
 * 60, so refreshes are easy to watch), `--dev` (React's development build).
 */
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

if (typeof nodeModule.registerHooks !== 'function') {
  console.error(`This example needs Node >= 22.15 (module.registerHooks); this is ${process.version}.`);
  process.exit(2);
}
nodeModule.registerHooks({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL;
    if (parent?.startsWith('file:') && /^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
      const js = new URL(specifier, parent);
      const ts = new URL(specifier.replace(/\.js$/, '.ts'), parent);
      if (!existsSync(fileURLToPath(js)) && existsSync(fileURLToPath(ts))) return nextResolve(ts.href, context);
    }
    return nextResolve(specifier, context);
  },
});

const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv, // `pnpm start -- --port 3000` passes the `--` on
  options: {
    port: { type: 'string', default: process.env.PORT ?? '5173' },
    'access-lifetime': { type: 'string', default: '60' },
    dev: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
const accessLifetime = Number(values['access-lifetime']);
if (!Number.isInteger(port) || port < 0 || !(accessLifetime > 0)) {
  console.error('Usage: node --conditions=source src/cli.ts [--port <n>] [--access-lifetime <seconds>] [--dev]');
  process.exit(2);
}

const { startReactApp } = await import('./server.js');
const app = await startReactApp({
  port,
  development: values.dev,
  mock: {
    settings: { ACCESS_TOKEN_LIFETIME: accessLifetime, ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true },
  },
  onApiRequest: (method, path, status) =>
    console.log(`  ${new Date().toLocaleTimeString()}  ${method} ${path} → ${status}`),
});

console.log(`
SimpleJWT React example: ${app.url}

  Demo users (SimpleJWT mock, access tokens live ${accessLifetime} s, refresh tokens rotate):
    alice / alice-password-1
    carol / carol-password-3   (staff)
    bob   / bob-password-2     (inactive: login fails like a wrong password)

  Open it in two tabs: signing in or out in one switches the other.
  Ctrl-C stops the server. API requests:
`);

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  app.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
