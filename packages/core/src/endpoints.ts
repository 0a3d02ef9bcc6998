import { NotLoggedInError, type SimpleJwtClientError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { sessionFromResponse, type Session } from './session.js';
import { postJson, type WireContext } from './simplejwt.js';
import type { LoginCredentials } from './types.js';

/** SimpleJWT's four views as the client calls them, for the configured mode. */
export interface TokenEndpoints {
  /** Obtain view: a new session from credentials. */
  obtain(credentials: LoginCredentials, clientNowMs: () => number): Promise<Session>;
  /** Refresh view: a new session from `base`'s credential (null: the httpOnly cookie alone). */
  refresh(base: Session | null, clientNowMs: () => number): Promise<Session>;
  /** Verify view: whether the server accepts `token`. */
  verify(token: string): Promise<boolean>;
  /** Blacklist view (logout), when configured; resolves either way. */
  blacklist(session: Session | null): Promise<void>;
}

/** Binds the endpoints to the configured URLs and mode (pair or sliding, refresh token in storage or cookie). */
export function createTokenEndpoints(config: ResolvedOptions, wire: WireContext): TokenEndpoints {
  const { sliding, cookieMode, urls } = config;
  const accessField = sliding ? 'token' : 'access';
  // In cookie mode the browser sends and stores the httpOnly refresh cookie.
  const credentials = cookieMode ? 'include' : undefined;
  return {
    async obtain(credentialsIn, clientNowMs) {
      const body = await postJson(wire, urls.obtain, credentialsIn, credentials, true);
      return sessionFromResponse(
        body,
        accessField,
        sliding || cookieMode ? 'ignore' : 'required',
        true,
        clientNowMs(),
        null,
      );
    },
    async refresh(base, clientNowMs) {
      const credential = sliding ? base?.access?.raw : base?.refresh?.raw;
      if (!cookieMode && !credential) throw new NotLoggedInError();
      const request = cookieMode ? {} : sliding ? { token: credential } : { refresh: credential };
      const body = await postJson(wire, urls.refresh, request, credentials);
      return sessionFromResponse(body, accessField, cookieMode ? 'ignore' : 'optional', false, clientNowMs(), base);
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
    async blacklist(session) {
      const refresh = session?.refresh?.raw;
      if (urls.blacklist && (refresh || cookieMode)) {
        await postJson(wire, urls.blacklist, cookieMode ? {} : { refresh }, credentials);
      }
    },
  };
}
