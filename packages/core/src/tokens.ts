import { jwtDecode } from 'jwt-decode';
import { InvalidTokenError } from './errors.js';

/**
 * Claims SimpleJWT puts in every token. They are decoded without verifying the signature:
 * use them for display and scheduling, never for authorization decisions.
 */
export interface SimpleJwtClaims {
  /** `"access"`, `"refresh"` or `"sliding"`. */
  token_type?: string;
  /** Expiry, seconds since the epoch (server clock). */
  exp: number;
  /** Issued-at, seconds since the epoch. For an access token made by refresh it is the refresh token's. */
  iat?: number;
  /** Token id. */
  jti?: string;
  /** End of a sliding token's refresh window, seconds since the epoch. */
  refresh_exp?: number;
  /** The user id claim (`USER_ID_CLAIM`, `user_id` by default) and any custom claims. */
  [claim: string]: unknown;
}

/** A token decoded once, at receipt. */
export interface DecodedToken<C = object> {
  /** The encoded token. Never logged. */
  readonly raw: string;
  /** Its unverified claims. */
  readonly claims: C & SimpleJwtClaims;
  /** `exp` in milliseconds, server clock. */
  readonly expMs: number;
}

/** The only jwt-decode call site: decodes `raw` and checks the claims the client relies on (`exp`, and `iat` when present). */
export function decodeToken<C = object>(raw: unknown, field: string): DecodedToken<C> {
  let claims: (C & SimpleJwtClaims) | undefined;
  let cause: unknown;
  try {
    // jwt-decode rejects non-strings and empty strings itself.
    claims = jwtDecode<C & SimpleJwtClaims>(raw as string);
  } catch (error) {
    cause = error;
  }
  const iat = claims?.iat;
  if (!Number.isFinite(claims?.exp) || (iat !== undefined && !Number.isFinite(iat))) {
    throw new InvalidTokenError(`Bad ${field} token: not a JWT with a numeric exp`, cause);
  }
  return { raw: raw as string, claims: claims!, expMs: claims!.exp * 1000 };
}
