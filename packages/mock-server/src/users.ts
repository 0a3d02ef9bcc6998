/**
 * The user table: Django's `auth.User` fields the endpoints read, plus per-user custom claims.
 */
import { makePasswordHash } from './password.js';

/** A user of the mock, like a row of Django's `auth_user`. */
export interface MockUser {
  /** Primary key; tokens carry it in `USER_ID_CLAIM` when `USER_ID_FIELD` is `id`. */
  id: number;
  /** Login name, matched exactly (case-sensitive), as Django's `ModelBackend` does. */
  username: string;
  /** Plain-text password, checked on login. */
  password: string;
  /**
   * The stored hash (`auth_user.password`), whose MD5 SimpleJWT ≥ 5.3 puts into `REVOKE_TOKEN_CLAIM`.
   * Default: a fresh salted hash, as `User.set_password()` makes; give the real one to match a real server's tokens.
   */
  password_hash?: string;
  /** Email address; default empty, as Django stores it. */
  email?: string;
  /** First name (dj-rest-auth's user details); default empty. */
  first_name?: string;
  /** Last name (dj-rest-auth's user details); default empty. */
  last_name?: string;
  /** Inactive users cannot log in and are rejected on protected endpoints (default true). */
  is_active?: boolean;
  /** Staff flag, reported by the `custom` endpoint's `is_staff` claim (default false). */
  is_staff?: boolean;
  /** Extra claims added to every token issued for this user, after the standard ones. */
  claims?: Record<string, unknown>;
  /** Extra model fields, usable as `USER_ID_FIELD` (for example a UUID). */
  fields?: Record<string, string | number>;
}

/** A user as stored by the mock, with defaults filled in. */
export interface StoredUser extends Required<Omit<MockUser, 'claims' | 'fields'>> {
  /** Custom claims. */
  claims: Record<string, unknown>;
  /** Extra model fields. */
  fields: Record<string, string | number>;
  /** Set on obtain when `UPDATE_LAST_LOGIN` is on (ms since epoch), else null. */
  last_login: number | null;
}

/** The demo users of the reference Django server, in creation order (so their ids match). */
export const DEMO_USERS: readonly MockUser[] = Object.freeze([
  { id: 1, username: 'alice', password: 'alice-password-1', email: 'alice@example.com' },
  { id: 2, username: 'bob', password: 'bob-password-2', email: 'bob@example.com', is_active: false },
  { id: 3, username: 'carol', password: 'carol-password-3', email: 'carol@example.com', is_staff: true },
  { id: 4, username: 'zoë', password: 'pässword-4', email: '' },
  { id: 5, username: 'dave', password: 'dave-password-5', email: 'dave@example.com' },
]);

/** Fills a user's defaults (a fresh `password_hash` unless given); throws on a missing username or a non-integer id. */
export function storeUser(user: MockUser): StoredUser {
  if (typeof user.username !== 'string' || user.username === '')
    throw new TypeError('A user needs a non-empty username');
  if (!Number.isSafeInteger(user.id)) throw new TypeError(`User ${user.username} needs an integer id`);
  if (typeof user.password !== 'string') throw new TypeError(`User ${user.username} needs a password`);
  return {
    id: user.id,
    username: user.username,
    password: user.password,
    password_hash: user.password_hash ?? makePasswordHash(user.password),
    email: user.email ?? '',
    first_name: user.first_name ?? '',
    last_name: user.last_name ?? '',
    is_active: user.is_active ?? true,
    is_staff: user.is_staff ?? false,
    claims: { ...(user.claims ?? {}) },
    fields: { ...(user.fields ?? {}) },
    last_login: null,
  };
}

/** Reads a model attribute by name (`USER_ID_FIELD`), or undefined when the user has none. */
export function userAttribute(user: StoredUser, field: string): string | number | boolean | undefined {
  if (field in user.fields) return user.fields[field];
  switch (field) {
    case 'id':
    case 'pk':
      return user.id;
    case 'username':
    case 'email':
    case 'first_name':
    case 'last_name':
    case 'is_active':
    case 'is_staff':
      return user[field];
    default:
      return undefined;
  }
}
