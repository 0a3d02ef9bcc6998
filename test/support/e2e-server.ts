/**
 * One origin for the end-to-end tests: a Node `http` server on 127.0.0.1 that serves the harness
 * page (`/`), its bundle (`/app.js`, built from `test/e2e/page/app.ts` once per process) and the
 * SimpleJWT mock under `/api/`, so the page and the API share an origin (no CORS, real cookies).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { bundlePage } from './page-bundle.js';
import { createSimpleJwtMock } from '@simplejwt-client/mock-server';
import { serveWithMock } from '@simplejwt-client/mock-server/node';

type MockOptions = Parameters<typeof createSimpleJwtMock>[0];
/** The mock's options; `baseUrl` is the server's own. */
export type E2eServerOptions = Omit<MockOptions, 'baseUrl'>;
export type SimpleJwtMock = ReturnType<typeof createSimpleJwtMock>;

/** A request the server keeps from the mock until the test lets it through or drops it. */
export interface HeldRequest {
  /** Settles when the request arrived at the server (it has not reached the mock). */
  readonly arrived: Promise<void>;
  /** Passes it on to the mock. */
  release(): void;
  /**
   * Answers it with a gateway error (an nginx-style 502 page) without the mock ever seeing it, as
   * when the upstream died. (Destroying the socket instead would not do: Chromium silently resends
   * a request, even a POST, whose reused keep-alive connection closes before any response byte.)
   */
  fail(status?: number): void;
}

export interface E2eServer {
  /** The page's URL, `http://127.0.0.1:<port>/`; the API's base URL too. */
  readonly url: string;
  readonly mock: SimpleJwtMock;
  /** Holds the next request to `pathname` (e.g. `/api/token/refresh/`) before it reaches the mock. */
  hold(pathname: string): HeldRequest;
  /** Errors thrown while serving (a bundle that failed to build, a mock that threw). */
  readonly errors: unknown[];
  close(): Promise<void>;
}

const PAGE_ENTRY = fileURLToPath(new URL('../e2e/page/app.ts', import.meta.url));

/** The harness page: it loads `/app.js` (see {@link pageBundle}). */
export const PAGE_HTML = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8">
    <title>simplejwt-client e2e</title>
    <link rel="icon" href="data:,">
  </head>
  <body>
    <script type="module" src="/app.js"></script>
  </body>
</html>
`;

/** The harness bundle, built once per process. */
export function pageBundle(): Promise<string> {
  return bundlePage(PAGE_ENTRY, { sourcemap: 'inline' });
}

/** Starts the server on an ephemeral port of 127.0.0.1 with a fresh mock. */
export async function startE2eServer(options: E2eServerOptions = {} as E2eServerOptions): Promise<E2eServer> {
  const errors: unknown[] = [];
  const holds = new Map<string, Array<{ arrive: () => void; gate: Promise<number | null> }>>();
  const gates = new Set<(failWith: number | null) => void>();
  let mock: SimpleJwtMock | undefined;
  let origin = '';

  const serveApi = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const waiting = holds.get(pathname)?.shift();
    if (waiting) {
      waiting.arrive();
      const failWith = await waiting.gate;
      if (failWith !== null) {
        res
          .writeHead(failWith, { 'content-type': 'text/html' })
          .end(`<html><body><h1>${failWith} Bad Gateway</h1></body></html>`);
        return;
      }
    }
    if (!mock) throw new Error('The mock is not ready');
    await serveWithMock(mock, req, res);
  };

  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const work = async (): Promise<void> => {
      if (pathname === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(PAGE_HTML);
      } else if (pathname === '/app.js') {
        const code = await pageBundle();
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(code);
      } else if (pathname.startsWith('/api/')) {
        await serveApi(req, res, pathname);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      }
    };
    work().catch((error: unknown) => {
      errors.push(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/`;
  mock = createSimpleJwtMock({ ...options, baseUrl: url } as MockOptions);
  // Build the bundle now, so a broken page fails the suite's set-up rather than a test.
  await pageBundle();

  return {
    url,
    mock,
    errors,
    hold(pathname) {
      let arrive!: () => void;
      let open!: (failWith: number | null) => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const gate = new Promise<number | null>((resolve) => (open = resolve));
      gates.add(open);
      const queue = holds.get(pathname) ?? [];
      queue.push({ arrive, gate });
      holds.set(pathname, queue);
      return { arrived, release: () => open(null), fail: (status = 502) => open(status) };
    },
    async close() {
      holds.clear();
      for (const open of gates) open(503);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
