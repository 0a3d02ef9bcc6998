/**
 * The example's development server: one Node `http` server on 127.0.0.1 serving the page
 * (`index.html`), its bundle (`/app.js`, built in-process by esbuild from `src/main.tsx`) and the
 * SimpleJWT mock under `/api/`. Page and API share one origin, as behind a reverse proxy in
 * production: no CORS, and the client's `baseUrl` is simply the page's origin.
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createSimpleJwtMock, type SimpleJwtMock, type SimpleJwtMockOptions } from '@simplejwt-client/mock-server';
import { serveWithMock } from '@simplejwt-client/mock-server/node';
import { build } from 'esbuild';

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

const ENTRY = fileURLToPath(new URL('./main.tsx', import.meta.url));
const INDEX_HTML = fileURLToPath(new URL('../index.html', import.meta.url));
const bundles = new Map<boolean, Promise<string>>();

/** The page's bundle, built once per process and mode; workspace packages are bundled from their TypeScript source. */
export function bundleApp(development = false): Promise<string> {
  let bundle = bundles.get(development);
  if (!bundle) {
    bundle = build({
      entryPoints: [ENTRY],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['source'],
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': JSON.stringify(development ? 'development' : 'production') },
      minify: !development,
      sourcemap: development ? 'inline' : false,
      logLevel: 'silent',
    }).then((result) => {
      const file = result.outputFiles[0];
      if (!file) throw new Error(`esbuild produced no output for ${ENTRY}`);
      return file.text;
    });
    bundle.catch(() => bundles.delete(development)); // a failed build is retried on the next call
    bundles.set(development, bundle);
  }
  return bundle;
}

/** Starts the example: page, bundle and mock API on one 127.0.0.1 origin. */
export async function startReactApp(options: ReactAppOptions = {}): Promise<ReactApp> {
  const development = options.development ?? false;
  // Build first, so a broken app fails here rather than on the first page load.
  const [html] = await Promise.all([readFile(INDEX_HTML, 'utf8'), bundleApp(development)]);
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
      } else if (isRead && (pathname === '/' || pathname === '/index.html')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      } else if (isRead && pathname === '/app.js') {
        const code = await bundleApp(development);
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(code);
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
