/**
 * Django's CSRF tokens: the `csrftoken` cookie (a 64-character masked token on Django 3.2, the
 * 32-character secret on Django 4) and the format checks Django 4 applies to it.
 */
import type { Stack } from '../versions.js';

const CSRF_ALLOWED_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Random alphanumerics, like Django's CSRF secrets and tokens. */
export function randomToken(length: number): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => CSRF_ALLOWED_CHARS[b % CSRF_ALLOWED_CHARS.length]).join('');
}

/** A new `csrftoken` cookie value for the Django of `stack`. */
export function csrfCookieValue(stack: Pick<Stack, 'django'>): string {
  return randomToken(stack.django === '3.2' ? 64 : 32);
}

/** Django 4's `_check_token_format` fails: not 32 or 64 characters, or not all ASCII letters and digits. */
export function isMalformedCsrfCookie(value: string): boolean {
  return (value.length !== 32 && value.length !== 64) || /[^a-zA-Z0-9]/.test(value);
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS', 'TRACE'];

/** Django's `_unmask_cipher_token`: the 32-character secret of a 64-character masked token. */
export function unmaskCsrfToken(token: string): string {
  const mask = token.slice(0, 32);
  const cipher = token.slice(32);
  const n = CSRF_ALLOWED_CHARS.length;
  return Array.from(cipher, (c, i) => {
    const x = CSRF_ALLOWED_CHARS.indexOf(c);
    const y = CSRF_ALLOWED_CHARS.indexOf(mask[i]!);
    return CSRF_ALLOWED_CHARS[(((x - y) % n) + n) % n];
  }).join('');
}

/** What Django's CSRF check looks at. */
export interface CsrfRequest {
  /** Upper-cased method. */
  method: string;
  /** Request headers (`Origin`, `Referer`, `X-CSRFToken`). */
  headers: Headers;
  /** The `csrftoken` cookie, if sent. */
  cookie: string | undefined;
  /** `request.POST.get('csrfmiddlewaretoken', '')`: read only for POST (it parses the body). */
  formToken: () => string;
  /** scheme://host the request was made to. */
  requestOrigin: string;
  /** `CSRF_TRUSTED_ORIGINS`. */
  trustedOrigins: readonly string[];
}

const isSameDomain = (host: string, pattern: string): boolean => {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  return p.startsWith('.') ? h.endsWith(p) || h === p.slice(1) : h === p;
};

function refererReason(req: CsrfRequest, trustedHosts: string[]): string | undefined {
  const referer = req.headers.get('referer');
  if (referer === null) return 'Referer checking failed - no Referer.';
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return 'Referer checking failed - Referer is malformed.';
  }
  if (url.protocol !== 'https:') return 'Referer checking failed - Referer is insecure while host is secure.';
  const good = new URL(req.requestOrigin).host;
  if ([...trustedHosts, good].some((h) => isSameDomain(url.host, h))) return undefined;
  return `Referer checking failed - ${referer} does not match any trusted origins.`;
}

const formatReason = (token: string): string | undefined =>
  token.length !== 32 && token.length !== 64
    ? 'has incorrect length'
    : /[^a-zA-Z0-9]/.test(token)
      ? 'has invalid characters'
      : undefined;

/** Django 4.2's `CsrfViewMiddleware.process_view` (origin, referer, cookie and token checks). */
function reason42(req: CsrfRequest): string | undefined {
  const secure = req.requestOrigin.startsWith('https:');
  const origin = req.headers.get('origin');
  if (origin !== null) {
    const exact = req.trustedOrigins.filter((o) => !o.includes('*'));
    const wildcard = req.trustedOrigins.filter((o) => o.includes('*'));
    const sub = (() => {
      try {
        const u = new URL(origin);
        return wildcard.some((w) => {
          const [scheme, rest] = w.split('://');
          return `${scheme}:` === u.protocol && isSameDomain(u.host, (rest ?? '').replace(/^\*/, ''));
        });
      } catch {
        return false;
      }
    })();
    if (origin !== req.requestOrigin && !exact.includes(origin) && !sub)
      return `Origin checking failed - ${origin} does not match any trusted origins.`;
  } else if (secure) {
    const hosts = req.trustedOrigins.map((o) => o.split('://')[1] ?? '').map((h) => h.replace(/^\*/, ''));
    const bad = refererReason(req, hosts);
    if (bad) return bad;
  }
  if (req.cookie === undefined) return 'CSRF cookie not set.';
  const cookieProblem = formatReason(req.cookie);
  if (cookieProblem) return `CSRF cookie ${cookieProblem}.`;
  const secret = req.cookie.length === 64 ? unmaskCsrfToken(req.cookie) : req.cookie;
  let token = req.method === 'POST' ? req.formToken() : '';
  let source = 'POST';
  if (token === '') {
    const header = req.headers.get('x-csrftoken');
    if (header === null) return 'CSRF token missing.';
    token = header;
    source = "the 'X-Csrftoken' HTTP header";
  }
  const tokenProblem = formatReason(token);
  if (tokenProblem) return `CSRF token from ${source} ${tokenProblem}.`;
  const given = token.length === 64 ? unmaskCsrfToken(token) : token;
  return given === secret ? undefined : `CSRF token from ${source} incorrect.`;
}

/** Django 3.2's: referer checks on HTTPS only, then the masked-token comparison with one message. */
function reason32(req: CsrfRequest): string | undefined {
  if (req.requestOrigin.startsWith('https:')) {
    const bad = refererReason(req, [...req.trustedOrigins]);
    if (bad) return bad;
  }
  if (req.cookie === undefined) return 'CSRF cookie not set.';
  // _sanitize_token: anything but 32 or 64 alphanumerics becomes a fresh random token (which cannot match).
  const secretOf = (t: string): string | undefined =>
    /[^a-zA-Z0-9]/.test(t) ? undefined : t.length === 64 ? unmaskCsrfToken(t) : t.length === 32 ? t : undefined;
  const secret = secretOf(req.cookie);
  let token = req.method === 'POST' ? req.formToken() : '';
  if (token === '') token = req.headers.get('x-csrftoken') ?? '';
  const given = secretOf(token);
  return secret !== undefined && given === secret ? undefined : 'CSRF token missing or incorrect.';
}

/** Why DRF's `CSRFCheck` refuses a request (the text after `CSRF Failed: `), or undefined when it passes. */
export function csrfFailure(req: CsrfRequest, stack: Pick<Stack, 'django'>): string | undefined {
  if (SAFE_METHODS.includes(req.method)) return undefined;
  return stack.django === '3.2' ? reason32(req) : reason42(req);
}
