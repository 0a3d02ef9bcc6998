/**
 * The example's server: one Node `http` server on 127.0.0.1 serving the Vite build of the app
 * (built in-process once per mode, kept in memory) and the SimpleJWT mock under `/api/`. Page and
 * API share one origin, as behind a reverse proxy in production: no CORS, and the client's
 * `baseUrl` is simply the page's origin.
 */
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createSimpleJwtMock, type SimpleJwtMock, type SimpleJwtMockOptions } from '@simplejwt-client/mock-server';
import { serveWithMock } from '@simplejwt-client/mock-server/node';
import { build, type Rolldown } from 'vite';

/** Options of {@link startReactApp}. */
export interface ReactAppOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The mock's options (settings, users, clock, …); its `baseUrl` is the server's own origin. */
  mock?: Omit<SimpleJwtMockOptions, 'baseUrl'>;
  /** React's development build (warnings, StrictMode's double effects) instead of the production one. @default false */
  development?: boolean;
  /** Called after every API request the mock answered, e.g. to log it. */
  onApiRequest?: (method: string, path: string, status: number) => void;
}

/** A running example app. */
export interface ReactApp {
  /** The page's URL, `http://127.0.0.1:<port>/`, which is the API's base URL too. */
  readonly url: string;
  /** The mock behind `/api/`; its `control` counts requests, moves the clock, injects faults. */
  readonly mock: SimpleJwtMock;
  /** Stops the server and closes open connections. */
  close(): Promise<void>;
}

const APP_ROOT = fileURLToPath(new URL('..', import.meta.url));
const PUBLIC_DIR = fileURLToPath(new URL('../public', import.meta.url));
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/** The files of a build, by URL path (`/index.html`, `/assets/index-….js`, …). */
export type BuiltApp = ReadonlyMap<string, string | Uint8Array>;

const builds = new Map<string, Promise<BuiltApp>>();

/**
 * Builds the app with Vite (`vite.config.ts`) in `mode`, once per process and mode, in memory.
 * `production` and `development` (React's development build) are for this server; `worker` is
 * the build with the mock in the service worker, for any static server.
 */
export function buildApp(mode: 'production' | 'development' | 'worker' = 'production'): Promise<BuiltApp> {
  let built = builds.get(mode);
  if (!built) {
    built = build({
      root: APP_ROOT,
      mode,
      logLevel: 'silent',
      // Whatever NODE_ENV the calling process has (vitest sets `test`), React's build follows the mode.
      define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'development' ? 'development' : 'production') },
      oxc: { jsx: { runtime: 'automatic', development: mode === 'development' } },
      build: { write: false, minify: mode !== 'development', sourcemap: mode === 'development' },
    }).then(async (result) => {
      const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
      const files = new Map<string, string | Uint8Array>();
      for (const item of outputs.flatMap((output) => output.output))
        files.set(`/${item.fileName}`, item.type === 'chunk' ? item.code : item.source);
      // Vite copies `public/` (msw's mockServiceWorker.js, worker mode only) when it writes; here it does not write.
      if (mode === 'worker')
        for (const name of await readdir(PUBLIC_DIR)) files.set(`/${name}`, await readFile(`${PUBLIC_DIR}/${name}`));
      if (!files.has('/index.html')) throw new Error(`vite build produced no index.html in ${APP_ROOT}`);
      return files;
    });
    built.catch(() => builds.delete(mode)); // a failed build is retried on the next call
    builds.set(mode, built);
  }
  return built;
}

/** Starts the example: page, bundle and mock API on one 127.0.0.1 origin. */
export async function startReactApp(options: ReactAppOptions = {}): Promise<ReactApp> {
  // Build first, so a broken app fails here rather than on the first page load.
  const files = await buildApp(options.development ? 'development' : 'production');
  let mock: SimpleJwtMock | undefined;
  let origin = '';

  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const work = async (): Promise<void> => {
      const isRead = req.method === 'GET' || req.method === 'HEAD';
      if (pathname.startsWith('/api/') && mock) {
        await serveWithMock(mock, req, res);
        // 0: the mock dropped the connection (an injected network fault).
        options.onApiRequest?.(req.method ?? 'GET', pathname, res.headersSent ? res.statusCode : 0);
      } else if (isRead && files.has(pathname === '/' ? '/index.html' : pathname)) {
        const path = pathname === '/' ? '/index.html' : pathname;
        const type = CONTENT_TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(files.get(path));
      } else {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      }
    };
    work().catch((error: unknown) => {
      console.error('[react-app] failed to serve', req.method, req.url, error);
      if (!res.headersSent)
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal server error\n');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1_000;
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mock = createSimpleJwtMock({ ...options.mock, baseUrl: `${origin}/` });

  return {
    url: `${origin}/`,
    mock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
