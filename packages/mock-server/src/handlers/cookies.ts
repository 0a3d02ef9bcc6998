/**
 * Cookie parsing and Django-formatted `Set-Cookie` values.
 */
import type { RefreshCookieOptions } from './types.js';

/** Parses a `Cookie` header into name/value pairs (first occurrence wins). */
export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name && !out.has(name)) out.set(name, value);
  }
  return out;
}

/** `response.set_cookie(...)` as Django 3.2 writes it: expires, HttpOnly, Max-Age, Path, SameSite, Secure. */
export function formatSetCookie(
  name: string,
  value: string,
  opts: { maxAge: number; nowMs: number; httpOnly?: boolean; path?: string; sameSite?: string; secure?: boolean },
): string {
  const expires =
    opts.maxAge === 0 ? 'Thu, 01 Jan 1970 00:00:00 GMT' : new Date(opts.nowMs + opts.maxAge * 1000).toUTCString();
  const parts = [`${name}=${value === '' ? '""' : value}`, `expires=${expires}`];
  if (opts.httpOnly) parts.push('HttpOnly');
  parts.push(`Max-Age=${Math.floor(opts.maxAge)}`, `Path=${opts.path ?? '/'}`);
  if (opts.sameSite) parts.push(`SameSite=${opts.sameSite}`);
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

/** The refresh cookie carrying a token, or clearing it when `token` is null. */
export function refreshCookie(opts: RefreshCookieOptions, token: string | null, maxAge: number, nowMs: number): string {
  return formatSetCookie(opts.name, token ?? '', {
    maxAge: token === null ? 0 : maxAge,
    nowMs,
    httpOnly: true,
    path: opts.path ?? '/',
    sameSite: opts.sameSite ?? 'Lax',
    secure: opts.secure ?? false,
  });
}
