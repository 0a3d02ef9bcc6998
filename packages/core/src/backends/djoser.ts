import type { Backend } from '../types.js';

/** Options of {@link djoser}. */
export interface DjoserBackendOptions {
  /** djoser's URL prefix, where `djoser.urls.jwt` is included. @default 'auth/' */
  prefix?: string;
  /** The scheme of SimpleJWT's `AUTH_HEADER_TYPES[0]`: djoser's docs set `JWT`. @default 'JWT' */
  authHeaderType?: string;
  /**
   * A blacklist endpoint the app added itself (SimpleJWT's `TokenBlacklistView`): djoser has no
   * logout for JWTs, so without one `logout()` cannot revoke anything (outcome `not-configured`).
   * @default false
   */
  blacklist?: string | false;
}

/**
 * djoser's JWT endpoints (`auth/jwt/create/`, `auth/jwt/refresh/`, `auth/jwt/verify/`) with the
 * `JWT` header type. djoser has no logout or blacklist endpoint for JWTs: logout revokes nothing
 * unless `blacklist` names one the app added.
 */
export function djoser({
  prefix = 'auth/',
  authHeaderType = 'JWT',
  blacklist = false,
}: DjoserBackendOptions = {}): Backend {
  return {
    endpoints: {
      obtain: `${prefix}jwt/create/`,
      refresh: `${prefix}jwt/refresh/`,
      verify: `${prefix}jwt/verify/`,
      blacklist,
    },
    refreshIn: 'body',
    authHeaderType,
  };
}
