/**
 * The example's server: Next.js (the `next build` output) and the SimpleJWT mock on one origin,
 * as Django would sit behind the same host in production (or Next's `rewrites` forward `/api/`
 * to it). `/api/` (and the mock's `/__mock__/` control routes, when enabled) go to the mock;
 * everything else to Next.
 *
 * `node src/server.ts [--port <n>]` runs it after `next build`; tests import `startNextApp`.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSimpleJwtMock, type SimpleJwtMock, type SimpleJwtMockOptions } from '@simplejwt-client/mock-server';
import { serveWithMock } from '@simplejwt-client/mock-server/node';
import nextModule from 'next';

/** Options of {@link startNextApp}. */
export interface NextAppOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The mock's options (settings, users, clock, …); its `baseUrl` is the server's own origin. */
  mock?: Omit<SimpleJwtMockOptions, 'baseUrl'>;
}

/** A running example app. */
export interface NextApp {
  /** The page's URL, `http://127.0.0.1:<port>/`, which is the API's base URL too. */
  readonly url: string;
  /** The mock behind `/api/`; its `control` counts requests, moves the clock, injects faults. */
  readonly mock: SimpleJwtMock;
  /** Stops the server and closes open connections. */
  close(): Promise<void>;
}

// `next` is CommonJS: Node's default import is `module.exports`, which is `createServer` itself.
const next = nextModule as unknown as (typeof nextModule)['default'];
const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Starts the built app (run `next build` first) with the mock on one 127.0.0.1 origin. */
export async function startNextApp(options: NextAppOptions = {}): Promise<NextApp> {
  let handleNext: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  let mock: SimpleJwtMock | undefined;
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const isMock = pathname.startsWith('/api/') || pathname.startsWith('/__mock__/');
    const work = isMock && mock ? serveWithMock(mock, req, res) : handleNext?.(req, res);
    Promise.resolve(work).catch((error: unknown) => {
      console.error('[nextjs] failed to serve', req.method, req.url, error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1_000;
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  mock = createSimpleJwtMock({ ...options.mock, baseUrl: `${origin}/` });

  const app = next({ dev: false, dir: APP_DIR, hostname: '127.0.0.1', port });
  await app.prepare();
  handleNext = app.getRequestHandler();

  return {
    url: `${origin}/`,
    mock,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.PORT ?? '3000' } } });
  const app = await startNextApp({
    port: Number(values.port),
    mock: { settings: { ACCESS_TOKEN_LIFETIME: 60, ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true } },
  });
  console.log(`SimpleJWT Next.js example: ${app.url}  (alice / alice-password-1; Ctrl-C stops it)`);
  const stop = (): void => void app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
