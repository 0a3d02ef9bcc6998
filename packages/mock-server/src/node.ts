/// <reference types="node" />
/**
 * The mock as a real HTTP server (Node only): `startMockServer`, and `serveWithMock` to mount it in your own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimpleJwtMock, type SimpleJwtMock, type SimpleJwtMockOptions } from './mock.js';
import { getRawHeaders } from './wire.js';

/** Options of {@link startMockServer}: the mock's options plus where to listen. */
export interface MockServerOptions extends Omit<SimpleJwtMockOptions, 'baseUrl'> {
  /** TCP port (default 8000; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default `127.0.0.1`). */
  host?: string;
  /** Path prefix under which the endpoints are mounted (default `/`). */
  basePath?: string;
  /** Largest accepted request body in bytes; larger requests are cut off (default 64 MiB). */
  maxBodyBytes?: number;
}

/** A running mock server. */
export interface RunningMockServer {
  /** Base URL, e.g. `http://127.0.0.1:8000/`. */
  url: string;
  /** Stops accepting connections, closes open ones and resolves when the server is down. */
  close(): Promise<void>;
  /** The mock behind the server (its `control` works as in tests). */
  mock: SimpleJwtMock;
}

const SKIPPED_REQUEST_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
]);

async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Options of {@link serveWithMock}. */
export interface ServeOptions {
  /** Largest accepted request body in bytes; a larger request is cut off (default 64 MiB). */
  maxBodyBytes?: number;
}

/**
 * Answers a Node `http` request with `mock`, as {@link startMockServer} does (Django's header
 * order, injected network faults as dropped connections), so the mock can be mounted in your own
 * dev server. Resolves `false`, having read and sent nothing, when the URL is outside the mock's
 * base path, e.g. to call an Express/Connect `next()`.
 * @example
 * createServer(async (req, res) => { if (!(await serveWithMock(mock, req, res))) serveApp(req, res); });
 */
export async function serveWithMock(
  mock: SimpleJwtMock,
  req: IncomingMessage,
  res: ServerResponse,
  options: ServeOptions = {},
): Promise<boolean> {
  const { origin } = new URL(mock.baseUrl);
  const url = new URL(req.url ?? '/', origin);
  // Outside the base path the request is left untouched (body unread) for the caller.
  if (!url.href.startsWith(mock.baseUrl.replace(/\/$/, ''))) return false;
  const body = await readBody(req, options.maxBodyBytes ?? 64 * 1024 * 1024);
  if (!body) {
    req.socket.destroy();
    return true;
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    if (!SKIPPED_REQUEST_HEADERS.has(name.toLowerCase())) headers.append(name, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? 'GET';
  let request: Request;
  try {
    request = new Request(url, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' || body.length === 0 ? null : body,
    });
  } catch {
    // Methods fetch forbids (CONNECT, TRACE, TRACK) cannot be represented as a Request.
    res
      .writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Method not supported by the mock server\n');
    return true;
  }
  // An injected network fault answers Response.error() (or rejects like fetch): the connection drops.
  const response = await mock.handle(request).catch((error: unknown) => {
    if (error instanceof TypeError) return Response.error();
    throw error;
  });
  if (!response) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not under the mock base path\n');
    return true;
  }
  if (response.type === 'error') {
    req.socket.destroy();
    return true;
  }
  const raw = getRawHeaders(response) ?? [...response.headers];
  res.writeHead(response.status, response.statusText, raw.flat());
  res.end(method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
  return true;
}

/**
 * Starts the mock on a real HTTP port (127.0.0.1:8000 by default). The options are checked before
 * the port is bound: a `MockConfigError` leaves nothing listening.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const { port = 8000, host = '127.0.0.1', basePath = '/', maxBodyBytes = 64 * 1024 * 1024, ...mockOptions } = options;
  const prefix = basePath.startsWith('/') ? basePath : `/${basePath}`;
  const mountAt = (origin: string): string => new URL(prefix.endsWith('/') ? prefix : `${prefix}/`, origin).href;
  // The real base URL needs the bound port; building a mock first throws for bad options before listening.
  createSimpleJwtMock({ ...mockOptions, baseUrl: mountAt('http://127.0.0.1') });
  let mock: SimpleJwtMock | undefined;
  const server = createServer((req, res) => {
    serveWithMock(mock!, req, res, { maxBodyBytes })
      .then((served) => {
        if (!served)
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not under the mock base path\n');
      })
      .catch((error: unknown) => {
        console.error('[simplejwt-mock] failed to serve a request:', error);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  mock = createSimpleJwtMock({ ...mockOptions, baseUrl: mountAt(`http://${hostPart}:${address.port}`) });
  return {
    url: mock.baseUrl,
    mock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
