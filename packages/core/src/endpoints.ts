import { NotLoggedInError, isSimpleJwtClientError } from './errors.js';
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
  const accessField = config.sliding ? 'token' : 'access';
  const withCookie = config.cookieMode ? { credentials: 'include' as const } : {};
  return {
    async obtain(credentials, clientNowMs) {
      const body = await postJson(wire, { url: config.urls.obtain, body: credentials, isLogin: true, ...withCookie });
      const expectRefresh = config.sliding || config.cookieMode ? 'ignore' : 'required';
      return sessionFromResponse({ body, accessField, expectRefresh, kind: 'login' }, clientNowMs(), null);
    },
    async refresh(base, clientNowMs) {
      const credential = config.sliding ? base?.access?.raw : base?.refresh?.raw;
      if (!config.cookieMode && !credential) throw new NotLoggedInError();
      const body = await postJson(wire, {
        url: config.urls.refresh,
        body: config.cookieMode ? {} : config.sliding ? { token: credential } : { refresh: credential },
        ...withCookie,
      });
      const expectRefresh = config.cookieMode ? 'ignore' : 'optional';
      return sessionFromResponse({ body, accessField, expectRefresh, kind: 'refresh' }, clientNowMs(), base);
    },
    async verify(token) {
      try {
        await postJson(wire, { url: config.urls.verify, body: { token } });
        return true;
      } catch (error) {
        if (isSimpleJwtClientError(error) && (error.status === 401 || error.status === 400)) return false;
        throw error;
      }
    },
    async blacklist(session) {
      const refresh = session?.refresh?.raw;
      if (!config.urls.blacklist || (!refresh && !config.cookieMode)) return;
      await postJson(wire, { url: config.urls.blacklist, body: config.cookieMode ? {} : { refresh }, ...withCookie });
    },
  };
}
