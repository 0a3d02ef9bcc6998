/**
 * django-cors-headers 3.14's `CorsMiddleware`: preflight short-circuit and response headers.
 */
import { patchVary, setHeader, type WireResponse } from './wire.js';

/** CORS settings, named after django-cors-headers' settings. */
export interface CorsOptions {
  /** `CORS_ALLOWED_ORIGINS`: exact scheme://host[:port] origins. */
  allowedOrigins: string[];
  /** `CORS_ALLOW_CREDENTIALS` (default true). */
  allowCredentials?: boolean;
  /** `CORS_ALLOW_HEADERS` (default: django-cors-headers' list). */
  allowHeaders?: string[];
  /** `CORS_ALLOW_METHODS` (default: DELETE, GET, OPTIONS, PATCH, POST, PUT). */
  allowMethods?: string[];
  /** `CORS_EXPOSE_HEADERS` (default none). */
  exposeHeaders?: string[];
  /** `CORS_PREFLIGHT_MAX_AGE` in seconds (default 86400; 0 omits the header). */
  maxAge?: number;
}

/** The development origins allowed by default (Vite and common dev servers). */
export const DEFAULT_CORS_ORIGINS: readonly string[] = Object.freeze([
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:3000',
]);

/** django-cors-headers' default `CORS_ALLOW_HEADERS`. */
export const DEFAULT_CORS_HEADERS: readonly string[] = Object.freeze([
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

/** `CorsMiddleware.process_response`. */
export function applyCors(res: WireResponse, method: string, headers: Headers, cors: CorsOptions): void {
  patchVary(res, ['Origin']);
  const origin = headers.get('origin');
  if (!origin) return;
  const url = splitOrigin(origin);
  if (!url) return;
  if (cors.allowCredentials ?? true) setHeader(res, 'Access-Control-Allow-Credentials', 'true');
  const allowed =
    (origin === 'null' && cors.allowedOrigins.includes('null')) ||
    cors.allowedOrigins.some((o) => {
      const a = splitOrigin(o);
      return a !== undefined && a.scheme === url.scheme && a.netloc === url.netloc;
    });
  if (!allowed) return;
  setHeader(res, 'Access-Control-Allow-Origin', origin);
  if (cors.exposeHeaders?.length) setHeader(res, 'Access-Control-Expose-Headers', cors.exposeHeaders.join(', '));
  if (method === 'OPTIONS') {
    setHeader(res, 'Access-Control-Allow-Headers', (cors.allowHeaders ?? DEFAULT_CORS_HEADERS).join(', '));
    setHeader(res, 'Access-Control-Allow-Methods', (cors.allowMethods ?? DEFAULT_CORS_METHODS).join(', '));
    const maxAge = cors.maxAge ?? 86400;
    if (maxAge) setHeader(res, 'Access-Control-Max-Age', String(maxAge));
  }
}
