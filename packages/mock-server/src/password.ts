/**
 * Django's stored password (`auth_user.password`) as far as the wire can see it: SimpleJWT ≥ 5.3
 * puts the MD5 of that string into `REVOKE_TOKEN_CLAIM`. Every `set_password()` draws a new salt,
 * so the claim changes with every password change, even to the same password.
 */
import { md5Hex } from './md5.js';

const SALT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const encoder = new TextEncoder();

function randomSalt(length: number): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => SALT_CHARS[b % SALT_CHARS.length]).join('');
}

function hexToBase64(hex: string): string {
  const bytes = Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * A fresh stored password in Django's `pbkdf2_sha256$<iterations>$<salt>$<digest>` shape (the
 * length Django writes). The digest is not PBKDF2: the mock checks plain passwords and only ever
 * shows this string's MD5.
 */
export function makePasswordHash(password: string, iterations = 600000): string {
  const salt = randomSalt(22);
  const digest = md5Hex(encoder.encode(`${salt}$${password}`)) + md5Hex(encoder.encode(`${password}$${salt}`));
  return `pbkdf2_sha256$${iterations}$${salt}$${hexToBase64(digest)}`;
}

/** SimpleJWT's `get_md5_hash_password(user.password)`: 32 uppercase hex characters. */
export function revokeClaimOf(passwordHash: string): string {
  return md5Hex(encoder.encode(passwordHash)).toUpperCase();
}
