/**
 * django-cors-headers' `CorsMiddleware` (3.14 with SimpleJWT 5.2's stack, 4.7 with 5.5's):
 * preflight short-circuit and response headers.
 */
import type { Stack } from './versions.js';
import { patchVary, setHeader, type WireResponse } from './wire.js';

/** CORS settings, named after django-cors-headers' settings. */
export interface CorsOptions {
  /** `CORS_ALLOWED_ORIGINS`: exact scheme://host[:port] origins. */
  allowedOrigins: string[];
  /** `CORS_ALLOW_CREDENTIALS` (default true). */
  allowCredentials?: boolean;
  /** `CORS_ALLOW_HEADERS` (default: the list of the django-cors-headers version imitated). */
  allowHeaders?: string[];
  /** `CORS_ALLOW_METHODS` (default: DELETE, GET, OPTIONS, PATCH, POST, PUT). */
  allowMethods?: string[];
  /** `CORS_EXPOSE_HEADERS` (default none). */
  exposeHeaders?: string[];
  /** `CORS_PREFLIGHT_MAX_AGE` in seconds (default 86400; 0 omits the header). */
  maxAge?: number;
}

/**
 * The development origins allowed by default: `vite` (5173), `vite preview` (4173) and port 3000
 * (Next.js, Create React App).
 */
export const DEFAULT_CORS_ORIGINS: readonly string[] = Object.freeze([
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:4173',
  'http://127.0.0.1:4173',
  'http://localhost:3000',
]);

/** django-cors-headers 3.14's default `CORS_ALLOW_HEADERS`. */
export const DEFAULT_CORS_HEADERS_3: readonly string[] = Object.freeze([
  'accept',
  'accept-encoding',
  'authorization',
  'content-type',
  'dnt',
  'origin',
  'user-agent',
  'x-csrftoken',
  'x-requested-with',
]);

/** django-cors-headers 4's default `CORS_ALLOW_HEADERS` (`accept-encoding`, `dnt` and `origin` were dropped). */
export const DEFAULT_CORS_HEADERS_4: readonly string[] = Object.freeze([
  'accept',
  'authorization',
  'content-type',
  'user-agent',
  'x-csrftoken',
  'x-requested-with',
]);

/** django-cors-headers' default `CORS_ALLOW_METHODS`. */
export const DEFAULT_CORS_METHODS: readonly string[] = Object.freeze([
  'DELETE',
  'GET',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
]);

/** Python's `urlsplit` as far as the origin comparison needs it: lower-cased scheme, netloc as given. */
function splitOrigin(origin: string): { scheme: string; netloc: string } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(origin);
  if (!m) return { scheme: '', netloc: '' };
  const rest = m[2]!;
  if (!rest.startsWith('//')) return { scheme: m[1]!.toLowerCase(), netloc: '' };
  const netloc = rest.slice(2).split(/[/?#]/)[0]!;
  // urlsplit raises ValueError on an unbalanced IPv6 bracket.
  if (netloc.includes('[') !== netloc.includes(']')) return undefined;
  return { scheme: m[1]!.toLowerCase(), netloc };
}

/** True for a preflight: OPTIONS with `Access-Control-Request-Method`. */
export function isPreflight(method: string, headers: Headers): boolean {
  return method === 'OPTIONS' && headers.has('access-control-request-method');
}

/**
 * `CorsMiddleware.process_response` (3.14) / `add_response_headers` (4.7). 4.x writes lowercase
 * names, the origin before the credentials flag, and nothing at all for a disallowed origin; 3.14
 * capitalises, and sends `Access-Control-Allow-Credentials` to any origin.
 */
export function applyCors(
  res: WireResponse,
  method: string,
  headers: Headers,
  cors: CorsOptions,
  stack: Pick<Stack, 'corsHeaders'>,
): void {
  const v4 = stack.corsHeaders !== '3.14';
  const name = (h: string): string => (v4 ? h.toLowerCase() : h);
  patchVary(res, [v4 ? 'origin' : 'Origin']);
  const origin = headers.get('origin');
  if (!origin) return;
  const url = splitOrigin(origin);
  if (!url) return;
  const credentials = cors.allowCredentials ?? true;
  if (credentials && !v4) setHeader(res, 'Access-Control-Allow-Credentials', 'true');
  const allowed =
    (origin === 'null' && cors.allowedOrigins.includes('null')) ||
    cors.allowedOrigins.some((o) => {
      const a = splitOrigin(o);
      return a !== undefined && a.scheme === url.scheme && a.netloc === url.netloc;
    });
  if (!allowed) return;
  setHeader(res, name('Access-Control-Allow-Origin'), origin);
  if (credentials && v4) setHeader(res, name('Access-Control-Allow-Credentials'), 'true');
  if (cors.exposeHeaders?.length) setHeader(res, name('Access-Control-Expose-Headers'), cors.exposeHeaders.join(', '));
  if (method === 'OPTIONS') {
    const allowHeaders = cors.allowHeaders ?? (v4 ? DEFAULT_CORS_HEADERS_4 : DEFAULT_CORS_HEADERS_3);
    setHeader(res, name('Access-Control-Allow-Headers'), allowHeaders.join(', '));
    setHeader(res, name('Access-Control-Allow-Methods'), (cors.allowMethods ?? DEFAULT_CORS_METHODS).join(', '));
    const maxAge = cors.maxAge ?? 86400;
    if (maxAge) setHeader(res, name('Access-Control-Max-Age'), String(maxAge));
  }
}
