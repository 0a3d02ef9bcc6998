/**
 * SimpleJWT's `JWTAuthentication`: header parsing, token validation against
 * `AUTH_TOKEN_CLASSES`, and the user lookup, with SimpleJWT's error bodies.
 */
import { simpleJwtAuthFailed } from './drf/exceptions.js';
import { revokeClaimOf } from './password.js';
import { authHeaderName } from './settings.js';
import type { MockState } from './state.js';
import { Token, TOKEN_CLASS_NAMES, TokenError, type TokenType } from './tokens.js';
import type { StoredUser } from './users.js';

/** A successful authentication. */
export interface Authenticated {
  /** The user the token names. */
  user: StoredUser;
  /** The validated token. */
  token: Token;
}

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const isAsciiSpace = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/** Python's `bytes.split()` with no argument. */
function splitBytes(bytes: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = -1;
  for (let i = 0; i <= bytes.length; i++) {
    const space = i === bytes.length || isAsciiSpace(bytes[i]!);
    if (space && start >= 0) {
      parts.push(bytes.subarray(start, i));
      start = -1;
    } else if (!space && start < 0) start = i;
  }
  return parts;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Maps an `AUTH_TOKEN_CLASSES` entry (dotted path or class name) to a token type. */
export function tokenTypeOfClass(path: string): TokenType {
  const name = path.split('.').pop();
  const found = (Object.entries(TOKEN_CLASS_NAMES) as [TokenType, string][]).find(([, n]) => n === name);
  if (!found) throw new TypeError(`Unknown AUTH_TOKEN_CLASSES entry ${path}`);
  return found[0];
}

/** `get_raw_token(header)`: the token's bytes, null when the header is not for JWTs. Throws for `Bearer` alone or `Bearer a b`. */
export function rawTokenOfHeader(header: string, state: MockState): Uint8Array | null {
  const s = state.settings;
  const parts = splitBytes(latin1(header));
  if (parts.length === 0) return null;
  if (!s.AUTH_HEADER_TYPES.some((t) => sameBytes(latin1(t), parts[0]!))) return null;
  if (parts.length !== 2) {
    throw simpleJwtAuthFailed(
      'Authorization header must contain two space-delimited values',
      'bad_authorization_header',
    );
  }
  return parts[1]!;
}

/** `get_validated_token(raw)` then `get_user(token)`. */
export async function authenticateRawToken(raw: Uint8Array, state: MockState, nowMs: number): Promise<Authenticated> {
  const s = state.settings;
  const ctx = state.tokenContext(nowMs);
  const messages: { token_class: string; token_type: string; message: string }[] = [];
  let token: Token | undefined;
  for (const cls of s.AUTH_TOKEN_CLASSES) {
    const type = tokenTypeOfClass(cls);
    try {
      token = await Token.load(raw, type, ctx);
      break;
    } catch (e) {
      if (!(e instanceof TokenError)) throw e;
      messages.push({ token_class: TOKEN_CLASS_NAMES[type], token_type: type, message: e.message });
    }
  }
  if (!token) throw simpleJwtAuthFailed('Given token not valid for any token type', 'token_not_valid', { messages });
  return { user: userOfToken(token, state), token };
}

/** `JWTAuthentication.authenticate(request)`: null when there are no usable credentials. */
export async function authenticateJwt(
  headers: Headers,
  state: MockState,
  nowMs: number,
): Promise<Authenticated | null> {
  const header = headers.get(authHeaderName(state.settings));
  const raw = header === null ? null : rawTokenOfHeader(header, state);
  return raw === null ? null : authenticateRawToken(raw, state, nowMs);
}

/** `JWTAuthentication.get_user(validated_token)`, with SimpleJWT 5.3's `CHECK_USER_IS_ACTIVE` and `CHECK_REVOKE_TOKEN`. */
export function userOfToken(token: Token, state: MockState): StoredUser {
  const s = state.settings;
  if (!token.payload.has(s.USER_ID_CLAIM)) {
    throw simpleJwtAuthFailed('Token contained no recognizable user identification', 'token_not_valid');
  }
  const user = state.findByIdClaim(token.payload.get(s.USER_ID_CLAIM)!);
  if (!user) throw simpleJwtAuthFailed('User not found', 'user_not_found');
  if ((s.CHECK_USER_IS_ACTIVE ?? true) && !user.is_active)
    throw simpleJwtAuthFailed('User is inactive', 'user_inactive');
  if (s.CHECK_REVOKE_TOKEN && token.payload.get(s.REVOKE_TOKEN_CLAIM!) !== revokeClaimOf(user.password_hash)) {
    throw simpleJwtAuthFailed("The user's password has been changed.", 'password_changed');
  }
  return user;
}
