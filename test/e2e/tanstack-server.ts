/**
 * One origin for the TanStack Query page: a Node `http` server on 127.0.0.1 serving the page,
 * its bundle (`tanstack-page/app.tsx` with React, TanStack Query and the workspace packages,
 * built once per process) and the SimpleJWT mock under `/api/`.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createSimpleJwtMock } from '@simplejwt-client/mock-server';
import { serveWithMock } from '@simplejwt-client/mock-server/node';
import { bundlePage } from '../support/page-bundle.js';

const ENTRY = fileURLToPath(new URL('./tanstack-page/app.tsx', import.meta.url));
const HTML =
  '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body><script type="module" src="/app.js"></script></body></html>';

const pageBundle = (): Promise<string> =>
  bundlePage(ENTRY, { jsx: 'automatic', define: { 'process.env.NODE_ENV': '"production"' } });

/** Starts the server on an ephemeral port with a fresh mock. */
export async function startTanstackServer(mockOptions: Omit<Parameters<typeof createSimpleJwtMock>[0], 'baseUrl'>) {
  const errors: unknown[] = [];
  let mock: ReturnType<typeof createSimpleJwtMock> | undefined;
  const code = await pageBundle();
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const work = async (): Promise<void> => {
      if (pathname === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML);
      else if (pathname === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
      else if (!mock || !(await serveWithMock(mock, req, res))) res.writeHead(404).end();
    };
    work().catch((error: unknown) => {
      errors.push(error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  mock = createSimpleJwtMock({ ...mockOptions, baseUrl: url });
  return {
    url,
    mock,
    errors,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
