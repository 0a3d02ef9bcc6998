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
