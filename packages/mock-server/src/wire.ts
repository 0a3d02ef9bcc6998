/**
 * A response as it goes on the wire: status, headers in order (duplicates kept), body
 * and cookies. The fetch `Response` type cannot keep header order, so the mock builds
 * this first and remembers the order for the Node server and for tests.
 */

/** A response before conversion to a fetch `Response`. */
export interface WireResponse {
  /** HTTP status. */
  status: number;
  /** Headers in order, as Django emits them. */
  headers: [string, string][];
  /** Body text (encoded as UTF-8). */
  body: string;
  /** `Set-Cookie` values, which Django's WSGI handler emits after every other header. */
  cookies: string[];
  /** runserver's `Connection: close`, sent last (Django 4.2, for responses without `Content-Length`). */
  connectionClose?: boolean;
}

/** Reason phrases, as Python's `http.HTTPStatus` spells them. */
export const REASONS: Readonly<Record<number, string>> = Object.freeze({
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
});

/** The reason phrase for a status. */
export function reasonOf(status: number): string {
  return REASONS[status] ?? 'Unknown';
}

/** Reads a header (case-insensitive), or undefined. */
export function getHeader(res: WireResponse, name: string): string | undefined {
  const lower = name.toLowerCase();
  return res.headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** `response[name] = value`: replaces in place (keeping the position, taking the new name's case) or appends. */
export function setHeader(res: WireResponse, name: string, value: string): void {
  const lower = name.toLowerCase();
  const i = res.headers.findIndex(([k]) => k.toLowerCase() === lower);
  if (i >= 0) res.headers[i] = [name, value];
  else res.headers.push([name, value]);
}

/** `response.headers.setdefault(name, value)`. */
export function setDefaultHeader(res: WireResponse, name: string, value: string): void {
  if (getHeader(res, name) === undefined) res.headers.push([name, value]);
}

/** Django's `patch_vary_headers(response, names)`. */
export function patchVary(res: WireResponse, names: string[]): void {
  const existing = getHeader(res, 'Vary');
  const vary = existing ? existing.split(/\s*,\s*/).filter(Boolean) : [];
  const have = new Set(vary.map((v) => v.toLowerCase()));
  for (const n of names) if (!have.has(n.toLowerCase())) vary.push(n);
  setHeader(res, 'Vary', vary.includes('*') ? '*' : vary.join(', '));
}

/** UTF-8 byte length of a body. */
export function byteLength(body: string): number {
  return new TextEncoder().encode(body).length;
}

const RAW_HEADERS = new WeakMap<Response, [string, string][]>();

/** Converts to a fetch `Response`, remembering the header order (see {@link getRawHeaders}). */
export function toResponse(res: WireResponse, method: string): Response {
  const all: [string, string][] = [...res.headers, ...res.cookies.map((c): [string, string] => ['Set-Cookie', c])];
  if (res.connectionClose) all.push(['Connection', 'close']);
  const headers = new Headers();
  for (const [k, v] of all) headers.append(k, v);
  const nullBody = method === 'HEAD' || res.status === 204 || res.status === 304;
  const response = new Response(nullBody ? null : res.body, {
    status: res.status,
    statusText: reasonOf(res.status),
    headers,
  });
  RAW_HEADERS.set(response, all);
  return response;
}

/**
 * The headers of a mock response in the order the real server sends them (without
 * `Date` and `Server`), duplicates kept; undefined for responses the mock did not make.
 */
export function getRawHeaders(response: Response): [string, string][] | undefined {
  return RAW_HEADERS.get(response)?.map(([k, v]) => [k, v]);
}
