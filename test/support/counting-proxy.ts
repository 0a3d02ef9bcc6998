/**
 * A counting reverse proxy in front of a real Django + SimpleJWT server: it logs every request by
 * endpoint and status (with the DRF `detail`/`code` of error answers), records every refresh token
 * the server issued, injects faults per endpoint, and can serve pages on the same origin.
 */
import { once } from 'node:events';
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a request was for: SimpleJWT's views, any other API path, a served page, or something else. */
export type Endpoint = 'obtain' | 'refresh' | 'verify' | 'blacklist' | 'api' | 'page' | 'other';

/** Token-endpoint paths of a backend, by what they are for. */
export type EndpointPaths = Readonly<Record<string, Endpoint>>;

/** SimpleJWT's default paths (those of `examples/django-simplejwt`). */
const ENDPOINTS: EndpointPaths = {
  '/api/token/': 'obtain',
  '/api/token/refresh/': 'refresh',
  '/api/token/verify/': 'verify',
  '/api/token/blacklist/': 'blacklist',
};

/**
 * The token-endpoint paths of each `SJWT_PRESET` of `examples/django-simplejwt`: dj-rest-auth's
 * logout counts as `blacklist` (it is what revokes), djoser's optional `TokenBlacklistView` too.
 */
export const PRESET_ENDPOINTS = {
  simplejwt: ENDPOINTS,
  'dj-rest-auth': {
    '/dj-rest-auth/login/': 'obtain',
    '/dj-rest-auth/token/refresh/': 'refresh',
    '/dj-rest-auth/token/verify/': 'verify',
    '/dj-rest-auth/logout/': 'blacklist',
  },
  djoser: {
    '/auth/jwt/create/': 'obtain',
    '/auth/jwt/refresh/': 'refresh',
    '/auth/jwt/verify/': 'verify',
    '/auth/jwt/blacklist/': 'blacklist',
  },
} as const satisfies Record<string, EndpointPaths>;

/** One request as the proxy saw it. */
export interface ProxyEntry {
  /** Milliseconds since the proxy started (or was last reset) when the request arrived. */
  at: number;
  method: string;
  path: string;
  endpoint: Endpoint;
  /** The status sent back; 0 when the connection was reset or is still open. */
  status: number;
  /** The DRF `detail` of a JSON error answer. */
  detail?: string;
  /** The SimpleJWT `code` of a JSON error answer. */
  code?: string;
  /** The fault the proxy applied, if any. */
  fault?: Fault['kind'];
}

/** A fault the proxy applies to requests of one endpoint. */
export type Fault =
  /** Forward at once, but hold the server's answer for `ms` before passing it on. */
  | { kind: 'delay'; ms: number }
  /** Answer `status` with a DRF-like JSON body; the server never sees the request. */
  | { kind: 'refuse'; status: number; body: Record<string, unknown> }
  /** Answer a proxy's 502 HTML page; the server never sees the request. */
  | { kind: 'bad-gateway' }
  /** Close the connection without an answer (a network failure). */
  | { kind: 'reset' };

/** A page served by the proxy itself, on the API's origin. */
export interface StaticPage {
  type: string;
  body: () => string | Promise<string>;
}

/** A running proxy. */
export interface CountingProxy {
  /** The proxy's base URL, with a trailing slash: give it to the client as `baseUrl`. */
  readonly url: string;
  /** The real server behind it, with a trailing slash. */
  readonly upstream: string;
  /** Every request so far, in arrival order. */
  readonly entries: readonly ProxyEntry[];
  /** Every refresh token the server issued (obtain and refresh bodies, refresh cookies), in order. */
  readonly issued: readonly string[];
  /** Requests to `endpoint`, optionally only those answered `status`. */
  count(endpoint: Endpoint, status?: number): number;
  /** Settles once no request is open. */
  quiet(): Promise<void>;
  /** Applies `fault` to the next `times` requests to `endpoint` (every one by default). */
  inject(endpoint: Endpoint, fault: Fault, times?: number): void;
  /** Clears the log, the issued tokens and the faults. */
  reset(): void;
  /** The log as one line per request, for assertion messages. */
  log(): string;
  close(): Promise<void>;
}

/** Options of {@link startCountingProxy}. */
export interface CountingProxyOptions {
  /** Pages served on the proxy's origin by path (e.g. the e2e harness at `/` and `/app.js`). */
  pages?: Record<string, StaticPage>;
  /** Cookie names that carry a refresh token. @default /refresh/i */
  refreshCookie?: RegExp;
  /** The token-endpoint paths (see {@link PRESET_ENDPOINTS}). @default SimpleJWT's */
  endpoints?: EndpointPaths;
  /**
   * Pass the client's `Host` header on (as a same-origin reverse proxy like nginx does), so that the
   * server sees the proxy's origin: Django 4's CSRF check compares `Origin` with it.
   * @default false (the upstream's host)
   */
  preserveHost?: boolean;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);
const BAD_GATEWAY = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Answer {
  status: number;
  rawHeaders: string[];
  body: Buffer;
}

/** Sends the request on to `upstream` on a fresh connection (no keep-alive races with Django's dev server). */
function forward(upstream: URL, req: IncomingMessage, body: Buffer, preserveHost: boolean): Promise<Answer> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  headers.host = preserveHost && req.headers.host ? req.headers.host : upstream.host;
  headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: false },
      (answer) => {
        readBody(answer).then(
          (data) => resolve({ status: answer.statusCode ?? 502, rawHeaders: answer.rawHeaders, body: data }),
          reject,
        );
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

/** The `detail` and `code` of a JSON error body, when it has them. */
function errorFields(body: Buffer): Pick<ProxyEntry, 'detail' | 'code'> {
  try {
    const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    return {
      ...(typeof json.detail === 'string' ? { detail: json.detail } : {}),
      ...(typeof json.code === 'string' ? { code: json.code } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Refresh tokens in a token endpoint's 2xx answer: the JSON `refresh` field and refresh cookies,
 * each once (dj-rest-auth's body mode sends the same token in both; its cookie mode answers `""`).
 */
function refreshTokensIn(answer: Answer, cookieName: RegExp): string[] {
  const found: string[] = [];
  try {
    const json = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
    if (typeof json.refresh === 'string' && json.refresh !== '') found.push(json.refresh);
  } catch {
    // Not JSON: no token in the body.
  }
  for (let i = 0; i < answer.rawHeaders.length; i += 2) {
    if (answer.rawHeaders[i]!.toLowerCase() !== 'set-cookie') continue;
    const [pair = ''] = answer.rawHeaders[i + 1]!.split(';');
    const [name = '', value = ''] = pair.split(/=(.*)/s);
    if (cookieName.test(name.trim()) && value.split('.').length === 3) found.push(value.trim());
  }
  return [...new Set(found)];
}

/** Starts a proxy on 127.0.0.1 (ephemeral port) in front of `upstream` (e.g. a `startDjango()` URL). */
export async function startCountingProxy(upstream: string, options: CountingProxyOptions = {}): Promise<CountingProxy> {
  const target = new URL(upstream);
  const cookieName = options.refreshCookie ?? /refresh/i;
  const paths = options.endpoints ?? ENDPOINTS;
  let entries: ProxyEntry[] = [];
  let issued: string[] = [];
  let faults: Array<{ endpoint: Endpoint; fault: Fault; left: number }> = [];
  let started = Date.now();
  const open = new Set<ProxyEntry>();
  const quietWaiters: Array<() => void> = [];

  const classify = (pathname: string): Endpoint =>
    options.pages?.[pathname] ? 'page' : (paths[pathname] ?? (pathname.startsWith('/api/') ? 'api' : 'other'));

  const takeFault = (endpoint: Endpoint): Fault | undefined => {
    const rule = faults.find((candidate) => candidate.endpoint === endpoint && candidate.left > 0);
    if (rule) rule.left -= 1;
    return rule?.fault;
  };

  const settle = (entry: ProxyEntry): void => {
    open.delete(entry);
    if (open.size === 0) for (const done of quietWaiters.splice(0)) done();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, entry: ProxyEntry): Promise<void> => {
    const page = options.pages?.[entry.path];
    if (page) {
      const text = await page.body();
      entry.status = 200;
      res.writeHead(200, { 'content-type': page.type, 'cache-control': 'no-store' }).end(text);
      return;
    }
    const body = await readBody(req);
    const fault = takeFault(entry.endpoint);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'refuse') {
      Object.assign(entry, { status: fault.status }, errorFields(Buffer.from(JSON.stringify(fault.body))));
      const auth = fault.status === 401 ? { 'www-authenticate': 'Bearer realm="api"' } : {};
      res.writeHead(fault.status, { 'content-type': 'application/json', ...auth }).end(JSON.stringify(fault.body));
      return;
    }
    if (fault?.kind === 'bad-gateway') {
      entry.status = 502;
      res.writeHead(502, { 'content-type': 'text/html' }).end(BAD_GATEWAY);
      return;
    }
    const answer = await forward(target, req, body, options.preserveHost ?? false);
    if (answer.status >= 400) Object.assign(entry, errorFields(answer.body));
    if ((entry.endpoint === 'obtain' || entry.endpoint === 'refresh') && answer.status < 300)
      issued.push(...refreshTokensIn(answer, cookieName));
    if (fault?.kind === 'delay') await sleep(fault.ms);
    const headers: string[] = [];
    for (let i = 0; i < answer.rawHeaders.length; i += 2)
      if (!HOP_BY_HOP.has(answer.rawHeaders[i]!.toLowerCase()))
        headers.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
    headers.push('Content-Length', String(answer.body.length));
    entry.status = answer.status;
    res.writeHead(answer.status, headers).end(answer.body);
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const entry: ProxyEntry = {
      at: Date.now() - started,
      method: req.method ?? 'GET',
      path,
      endpoint: classify(path),
      status: 0,
    };
    entries.push(entry);
    open.add(entry);
    res.on('close', () => settle(entry));
    handle(req, res, entry).catch((error: unknown) => {
      entry.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy: ${String(error)}`);
      else res.destroy();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    upstream: target.href,
    get entries() {
      return entries;
    },
    get issued() {
      return issued;
    },
    count: (endpoint, status) =>
      entries.filter((entry) => entry.endpoint === endpoint && (status === undefined || entry.status === status))
        .length,
    quiet: () => (open.size === 0 ? Promise.resolve() : new Promise((resolve) => quietWaiters.push(resolve))),
    inject(endpoint, fault, times = Number.POSITIVE_INFINITY) {
      faults.push({ endpoint, fault, left: times });
    },
    reset() {
      entries = [];
      issued = [];
      faults = [];
      started = Date.now();
    },
    log: () =>
      entries
        .map(
          (e) =>
            `${e.at} ${e.method} ${e.path} ${e.status}${e.fault ? ` [${e.fault}]` : ''}${e.detail ? ` ${e.detail}` : ''}`,
        )
        .join('\n'),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Fault constructors. */
export const faults = {
  /** Holds the server's answer `ms` before passing it on. */
  delay: (ms: number): Fault => ({ kind: 'delay', ms }),
  /** Answers `status` with `{"detail": …}` as DRF would (e.g. 403 "CSRF Failed: CSRF token missing."). */
  refuse: (status: number, detail: string): Fault => ({ kind: 'refuse', status, body: { detail } }),
  /** A proxy's HTML 502 page. */
  badGateway: (): Fault => ({ kind: 'bad-gateway' }),
  /** A dropped connection. */
  reset: (): Fault => ({ kind: 'reset' }),
} as const;
