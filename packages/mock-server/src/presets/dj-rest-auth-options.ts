/**
 * dj-rest-auth's JWT settings (`REST_AUTH = {...}` with `USE_JWT`), as the mock's `djRestAuth`
 * option takes them, and their defaults.
 */
import { MockConfigError } from '../config-error.js';

/** dj-rest-auth's JWT settings, camel-cased (its setting names in each comment). */
export interface DjRestAuthOptions {
  /**
   * `JWT_AUTH_HTTPONLY`: the refresh token travels only in its httpOnly cookie (login answers `refresh: ""`,
   * refresh answers no `refresh`, logout blacklists the cookie's token). With false, the tokens are also in
   * the bodies and logout takes `refresh` from the body.
   * @default true
   */
  httpOnly?: boolean;
  /**
   * `JWT_AUTH_COOKIE_USE_CSRF`: a request authenticated by the access cookie (no `Authorization` header)
   * must pass Django's CSRF check when its method is unsafe (`X-CSRFToken` header matching the
   * `csrftoken` cookie, and on Django 4 an allowed `Origin`); otherwise 403 `CSRF Failed: …`.
   * @default false
   */
  useCsrf?: boolean;
  /**
   * `JWT_AUTH_RETURN_EXPIRATION`: login also answers `access_expiration` and `refresh_expiration`.
   * (Refresh always answers `access_expiration`.)
   * @default false
   */
  returnExpiration?: boolean;
  /**
   * `SESSION_LOGIN`: login also logs into Django's session (`sessionid` cookie, and a new `csrftoken`
   * cookie); logout flushes it.
   * @default true
   */
  sessionLogin?: boolean;
  /** `JWT_AUTH_COOKIE`, the access token's cookie; null for none (dj-rest-auth's own default). @default 'access' */
  accessCookie?: string | null;
  /** `JWT_AUTH_REFRESH_COOKIE`, the refresh token's cookie; null for none. @default 'refresh' */
  refreshCookie?: string | null;
  /** `JWT_AUTH_REFRESH_COOKIE_PATH`. @default '/' */
  refreshCookiePath?: string;
  /** `JWT_AUTH_SECURE`: both cookies get `Secure`. @default false */
  secure?: boolean;
  /** `JWT_AUTH_SAMESITE`. @default 'Lax' */
  sameSite?: 'Lax' | 'Strict' | 'None';
  /**
   * Django's `CSRF_TRUSTED_ORIGINS` (Django 4 checks the `Origin` of unsafe cookie-authenticated requests
   * against the server's own origin and these). Default: the CORS allowed origins.
   */
  csrfTrustedOrigins?: string[];
}

/** {@link DjRestAuthOptions} with every default filled in. */
export type ResolvedDjRestAuth = Required<Omit<DjRestAuthOptions, 'accessCookie' | 'refreshCookie'>> & {
  accessCookie: string | null;
  refreshCookie: string | null;
};

const KNOWN = [
  'httpOnly',
  'useCsrf',
  'returnExpiration',
  'sessionLogin',
  'accessCookie',
  'refreshCookie',
  'refreshCookiePath',
  'secure',
  'sameSite',
  'csrfTrustedOrigins',
];

/** Fills the defaults; throws a `MockConfigError` for an unknown option. */
export function resolveDjRestAuth(options: DjRestAuthOptions, corsOrigins: readonly string[]): ResolvedDjRestAuth {
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key))
      throw new MockConfigError('invalid_option', `Unknown djRestAuth option ${key}`, `djRestAuth.${key}`);
  }
  return {
    httpOnly: options.httpOnly ?? true,
    useCsrf: options.useCsrf ?? false,
    returnExpiration: options.returnExpiration ?? false,
    sessionLogin: options.sessionLogin ?? true,
    accessCookie: options.accessCookie === undefined ? 'access' : options.accessCookie,
    refreshCookie: options.refreshCookie === undefined ? 'refresh' : options.refreshCookie,
    refreshCookiePath: options.refreshCookiePath ?? '/',
    secure: options.secure ?? false,
    sameSite: options.sameSite ?? 'Lax',
    csrfTrustedOrigins: options.csrfTrustedOrigins ?? [...corsOrigins],
  };
}
