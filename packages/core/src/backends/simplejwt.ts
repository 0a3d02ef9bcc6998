import type { Backend } from '../types.js';

/** Options of {@link simpleJwt}. */
export interface SimpleJwtBackendOptions {
  /** `pair` for `TokenObtainPairView` and friends, `sliding` for the sliding-token views. @default 'pair' */
  tokenType?: 'pair' | 'sliding';
  /**
   * `storage`: the refresh token comes in the response body and the client keeps it. `cookie`: the
   * server keeps it in an httpOnly cookie (a custom view in the dj-rest-auth style); the client
   * never sees it and calls the refresh and blacklist endpoints with `credentials: 'include'`.
   * @default 'storage'
   */
  refreshTokenIn?: 'storage' | 'cookie';
}

/**
 * SimpleJWT's own views (the default backend): `api/token/`, `api/token/refresh/`,
 * `api/token/verify/`, `api/token/blacklist/` (or the sliding views).
 * @example createAuthClient({ baseUrl, backend: simpleJwt({ tokenType: 'sliding' }) })
 */
export function simpleJwt({ tokenType, refreshTokenIn }: SimpleJwtBackendOptions = {}): Backend {
  const prefix = tokenType === 'sliding' ? 'api/token/sliding/' : 'api/token/';
  return {
    endpoints: {
      obtain: prefix,
      refresh: `${prefix}refresh/`,
      verify: 'api/token/verify/',
      blacklist: 'api/token/blacklist/',
    },
    refreshIn: tokenType === 'sliding' ? 'token' : refreshTokenIn === 'cookie' ? 'cookie' : 'body',
  };
}
