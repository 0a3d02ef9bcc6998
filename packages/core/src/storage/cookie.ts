import { withStorageScope } from '../coordination/scope.js';
import type { StorageAdapter } from './adapter.js';

/** Options of {@link cookieStorage}. */
export interface CookieStorageOptions {
  /** Cookie `Path`. @default '/' */
  path?: string;
  /** Cookie `Domain`, e.g. `'.example.com'` to share the session with subdomains. @default the page's host */
  domain?: string;
  /** Cookie `SameSite`; `'None'` forces `Secure`. @default 'Lax' */
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** Cookie `Secure`. @default true on https pages, else false */
  secure?: boolean;
  /** Cookie `Max-Age` in seconds. @default unset: a session cookie, dropped when the browser closes */
  maxAgeSeconds?: number;
  /** The document whose cookies are used; inject one for tests or SSR. @default globalThis.document */
  document?: {
    /** `document.cookie`: read for every cookie, assigned to set one. */
    cookie: string;
  };
}

// Browsers cap a cookie's name + value at 4096 bytes; stay under with room for the attributes.
const MAX_COOKIE_BYTES = 4000;

/**
 * Storage in ordinary, JavaScript-readable cookies, e.g. to share the session with subdomains.
 * These cookies are NOT httpOnly, so scripts on the page can read the tokens; keeping the refresh
 * token out of JavaScript's reach is the client's httpOnly refresh-cookie mode, not this adapter.
 */
export function cookieStorage(options: CookieStorageOptions = {}): StorageAdapter {
  const doc = (): { cookie: string } => {
    const found = options.document ?? (globalThis as { document?: { cookie: string } }).document;
    if (found === undefined || found === null) {
      throw new Error('cookieStorage: no document; pass options.document outside browsers.');
    }
    return found;
  };

  const attributes = (maxAge: number | undefined): string => {
    const sameSite = options.sameSite ?? 'Lax';
    const protocol = (globalThis as { location?: { protocol?: string } }).location?.protocol;
    const secure = sameSite === 'None' || (options.secure ?? protocol === 'https:');
    const parts = [`Path=${options.path ?? '/'}`];
    if (options.domain !== undefined) parts.push(`Domain=${options.domain}`);
    if (maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(maxAge))}`);
    parts.push(`SameSite=${sameSite}`);
    if (secure) parts.push('Secure');
    return parts.join('; ');
  };

  return withStorageScope(
    {
      getItem(key) {
        const name = encodeURIComponent(key);
        for (const pair of doc().cookie.split(';')) {
          const separator = pair.indexOf('=');
          if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
          const raw = pair.slice(separator + 1).trim();
          try {
            return decodeURIComponent(raw);
          } catch {
            // Not written by this adapter (malformed escapes): unreadable, so treated as absent.
            return null;
          }
        }
        return null;
      },
      setItem(key, value) {
        const pair = `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
        if (pair.length > MAX_COOKIE_BYTES) {
          throw new Error(
            `cookieStorage: the cookie "${key}" would be ${pair.length} bytes, over the ${MAX_COOKIE_BYTES}-byte limit browsers enforce; use webStorage or splitStorage instead.`,
          );
        }
        doc().cookie = `${pair}; ${attributes(options.maxAgeSeconds)}`;
      },
      removeItem(key) {
        // Deletion only matches the cookie written with the same Path and Domain.
        doc().cookie = `${encodeURIComponent(key)}=; ${attributes(0)}`;
      },
    },
    `cookie:${options.domain ?? ''}${options.path ?? '/'}`,
  );
}
