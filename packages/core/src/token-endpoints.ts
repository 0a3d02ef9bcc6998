import { NotLoggedInError, type SimpleJwtClientError, isSimpleJwtClientError, toClientError } from './errors.js';
import { postJson, type WireContext } from './http.js';
import type { ResolvedOptions } from './options.js';
import type { Session } from './session.js';
import { sessionFromResponse } from './session-codec.js';
import type { LoginCredentials } from './types.js';

/** What the server said to a revocation (blacklist or logout call). */
export type Revocation =
  /** Revoked now, or already dead (blacklisted, expired). */
  | { outcome: 'revoked' }
  /** Nothing to call: no blacklist endpoint, or nothing revocable (sliding tokens). */
  | { outcome: 'not-configured' }
  /** No answer, a 5xx or a timeout: the credential may still be valid. */
  | { outcome: 'unreachable'; error: SimpleJwtClientError }
  /** The server answered and refused (401/403, a wrong endpoint, a missing cookie): the credential may still be valid. */
  | { outcome: 'refused'; error: SimpleJwtClientError };

/** SimpleJWT's views as the client calls them, for the configured mode. */
export interface TokenEndpoints {
  /** Obtain view: a new session from credentials, and the answer's other fields. */
  obtain(credentials: LoginCredentials): Promise<{ session: Session; extras: Record<string, unknown> }>;
  /** Refresh view: a new session from `base`'s credential (null: the httpOnly cookie alone). */
  refresh(base: Session | null): Promise<Session>;
  /** Verify view: whether the server accepts `token`. */
  verify(token: string): Promise<boolean>;
  /** Blacklist view: revokes `refreshToken` (in cookie mode, null: the cookie). */
  revoke(refreshToken: string | null): Promise<Revocation>;
}

/**
 * Whether an error from the blacklist (or logout) view means the refresh token is dead anyway:
 * SimpleJWT's "Token is blacklisted" / "Token is invalid or expired" (5.5: "Token is expired",
 * "Token is invalid"), with or without dj-rest-auth's dropped `code`. Not any `token_not_valid`:
 * dj-rest-auth answers a stale access cookie with one before it looks at the refresh token.
 */
function alreadyDead(error: SimpleJwtClientError): boolean {
  return error.status === 401 && /^Token is (blacklisted|invalid|expired)/.test(error.detail ?? '');
}

/**
 * Whether a rejected refresh says no refresh token reached the server (SimpleJWT's 400 "This field
 * is required." for an empty body; dj-rest-auth's 401 "No valid refresh token found." without the
 * cookie), rather than that the token it got is dead.
 */
export function noRefreshTokenSent(error: Pick<SimpleJwtClientError, 'detail'> & { code: string }): boolean {
  return error.code === 'validation_error' || /^No valid refresh token/.test(error.detail ?? '');
}

/** Binds the endpoints to the configured URLs and mode (pair or sliding, refresh token in storage or cookie). */
export function createTokenEndpoints(config: ResolvedOptions, wire: WireContext): TokenEndpoints {
  const { sliding, cookieMode, urls } = config;
  const accessField = sliding ? 'token' : 'access';
  // In cookie mode the browser sends and stores the httpOnly refresh cookie.
  const credentials = cookieMode ? 'include' : undefined;
  return {
    async obtain(input) {
      const { body, ...exchange } = await postJson(wire, urls.obtain, input, credentials, true);
      const { access, refresh, token, ...extras } = body;
      const expect = sliding || cookieMode ? 'ignore' : 'required';
      return { session: sessionFromResponse(body, accessField, expect, true, exchange, null), extras };
    },
    async refresh(base) {
      const credential = sliding ? base?.access?.raw : base?.refresh?.raw;
      if (!cookieMode && !credential) throw new NotLoggedInError();
      const request = cookieMode ? {} : sliding ? { token: credential } : { refresh: credential };
      const { body, ...exchange } = await postJson(wire, urls.refresh, request, credentials);
      return sessionFromResponse(body, accessField, cookieMode ? 'ignore' : 'optional', false, exchange, base);
    },
    async verify(token) {
      try {
        await postJson(wire, urls.verify, { token });
        return true;
      } catch (error) {
        // postJson throws client errors only; a 401 or 400 means the token was rejected.
        const { status } = error as SimpleJwtClientError;
        if (status === 401 || status === 400) return false;
        throw error;
      }
    },
    async revoke(refreshToken) {
      // SimpleJWT's blacklist view takes refresh tokens only: a sliding session cannot be revoked.
      if (!urls.blacklist || (!refreshToken && !cookieMode)) return { outcome: 'not-configured' };
      try {
        await postJson(wire, urls.blacklist, cookieMode ? {} : { refresh: refreshToken }, credentials);
        return { outcome: 'revoked' };
      } catch (raw) {
        const error = toClientError(raw);
        if (alreadyDead(error)) return { outcome: 'revoked' };
        const unreachable = error.retryable || !isSimpleJwtClientError(raw) || error.status === undefined;
        return unreachable ? { outcome: 'unreachable', error } : { outcome: 'refused', error };
      }
    },
  };
}
