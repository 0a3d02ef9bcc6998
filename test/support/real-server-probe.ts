/**
 * Proof that refresh tokens are dead: each one is presented to the real server's refresh endpoint,
 * directly (not through the proxy or a client).
 */
import { expect } from 'vitest';
import type { CountingProxy } from './counting-proxy.js';

/**
 * What the server saw of a flow through `proxy`: one login, every refresh accepted, and one new,
 * never repeated refresh token per refresh. Returns the number of refreshes.
 */
export function expectOneTokenPerRefresh(proxy: CountingProxy): number {
  const refreshes = proxy.count('refresh');
  expect(proxy.count('refresh', 200), proxy.log()).toBe(refreshes);
  expect(proxy.count('obtain')).toBe(1);
  expect(proxy.issued.length, proxy.log()).toBe(1 + refreshes);
  expect(new Set(proxy.issued).size).toBe(proxy.issued.length);
  return refreshes;
}

/** How the real refresh endpoint answered one probed token. */
export interface ProbeResult {
  /** Index of the token in the probed list. */
  token: number;
  status: number;
  detail?: string;
}

/** Where a backend refreshes, and how a token a probe was given in exchange is revoked again. */
export interface ProbeTarget {
  /** The refresh view, taking `{"refresh": …}` in the body. */
  refresh: string;
  /**
   * What revokes a token: a view taking it in the body (`{"refresh": …}`) or in the `refresh` cookie
   * (dj-rest-auth's logout in httpOnly mode); `null` when the server has none (djoser alone).
   */
  revoke: { path: string; via: 'body' | 'cookie' } | null;
}

/** The probe targets of each `SJWT_PRESET` of `examples/django-simplejwt` (djoser's: with `DJOSER_BLACKLIST`). */
export const PROBE_TARGETS = {
  simplejwt: { refresh: 'api/token/refresh/', revoke: { path: 'api/token/blacklist/', via: 'body' } },
  'dj-rest-auth-body': {
    refresh: 'dj-rest-auth/token/refresh/',
    revoke: { path: 'dj-rest-auth/logout/', via: 'body' },
  },
  'dj-rest-auth-cookie': {
    refresh: 'dj-rest-auth/token/refresh/',
    revoke: { path: 'dj-rest-auth/logout/', via: 'cookie' },
  },
  djoser: { refresh: 'auth/jwt/refresh/', revoke: { path: 'auth/jwt/blacklist/', via: 'body' } },
  'djoser-no-blacklist': { refresh: 'auth/jwt/refresh/', revoke: null },
} as const satisfies Record<string, ProbeTarget>;

/** POSTs `body` as JSON to `path` on `upstream` and returns the status, the parsed body (or text) and the cookies set. */
async function post(upstream: string, path: string, body: object, cookie?: string) {
  const response = await fetch(new URL(path, upstream), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(cookie === undefined ? {} : { cookie }),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const cookies = response.headers.getSetCookie();
  try {
    return { status: response.status, json: JSON.parse(text) as Record<string, unknown>, text, cookies };
  } catch {
    return { status: response.status, json: {}, text, cookies };
  }
}

/** The refresh token a refresh answer carries: in its body, else in its `refresh` cookie. */
function freshToken(json: Record<string, unknown>, cookies: string[]): string | undefined {
  if (typeof json.refresh === 'string' && json.refresh !== '') return json.refresh;
  for (const cookie of cookies) {
    const value = /^refresh=([^;]+)/.exec(cookie)?.[1];
    if (value && value.split('.').length === 3) return value;
  }
}

/**
 * Presents every token on the real server's refresh endpoint (SimpleJWT's unless `target` says
 * otherwise) and returns the answers. A rejected token gets 401; anything else means the server
 * still took it. With rotation the probe consumes a live token, and revokes the fresh one it got
 * (it belongs to no one) where the server can.
 */
export async function probeRefreshTokens(
  upstream: string,
  tokens: readonly string[],
  target: ProbeTarget = PROBE_TARGETS.simplejwt,
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const [index, refresh] of tokens.entries()) {
    const { status, json, text, cookies } = await post(upstream, target.refresh, { refresh });
    const fresh = status === 200 ? freshToken(json, cookies) : undefined;
    if (fresh && target.revoke?.via === 'body') await post(upstream, target.revoke.path, { refresh: fresh });
    if (fresh && target.revoke?.via === 'cookie') await post(upstream, target.revoke.path, {}, `refresh=${fresh}`);
    const detail = typeof json.detail === 'string' ? json.detail : status === 200 ? undefined : text.slice(0, 80);
    results.push({ token: index, status, ...(detail === undefined ? {} : { detail }) });
  }
  return results;
}

/** The probe results of tokens the server did not reject with 401. */
export function accepted(results: readonly ProbeResult[]): ProbeResult[] {
  return results.filter((result) => result.status !== 401);
}
