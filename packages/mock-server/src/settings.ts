/**
 * SimpleJWT's settings, under SimpleJWT's own names and with its defaults.
 */

/** A duration in seconds, or a Python `timedelta`-like object (`{ "days": 1 }`, `{ "seconds": 300 }`). */
export type Lifetime =
  | number
  | { days?: number; hours?: number; minutes?: number; seconds?: number; milliseconds?: number };

/** The `SIMPLE_JWT` settings the mock honours. Lifetimes and `LEEWAY` are in seconds. */
export interface SimpleJwtSettings {
  /** Lifetime of access tokens (default 300 s). */
  ACCESS_TOKEN_LIFETIME: number;
  /** Lifetime of refresh tokens (default 86400 s). */
  REFRESH_TOKEN_LIFETIME: number;
  /** Lifetime of a sliding token's `exp` (default 300 s). */
  SLIDING_TOKEN_LIFETIME: number;
  /** Lifetime of a sliding token's `refresh_exp` (default 86400 s). */
  SLIDING_TOKEN_REFRESH_LIFETIME: number;
  /** Refresh also returns a new refresh token. */
  ROTATE_REFRESH_TOKENS: boolean;
  /** Rotation blacklists the submitted refresh token; verify then rejects blacklisted tokens. */
  BLACKLIST_AFTER_ROTATION: boolean;
  /** Records `last_login` on obtain (no effect on the wire). */
  UPDATE_LAST_LOGIN: boolean;
  /** HMAC algorithm: `HS256` (default), `HS384` or `HS512`. */
  ALGORITHM: 'HS256' | 'HS384' | 'HS512';
  /** HMAC key. Django's default is `SECRET_KEY`; the mock's default is a fixed development key. */
  SIGNING_KEY: string;
  /** Clock skew allowance in seconds. */
  LEEWAY: number;
  /** Accepted `Authorization` schemes, case-sensitive; the first is named in `WWW-Authenticate`. */
  AUTH_HEADER_TYPES: string[];
  /** The WSGI name of the header carrying the token (default `HTTP_AUTHORIZATION`). */
  AUTH_HEADER_NAME: string;
  /** The user attribute stored in tokens (default `id`). */
  USER_ID_FIELD: string;
  /** The claim holding the user id (default `user_id`). */
  USER_ID_CLAIM: string;
  /** Token classes accepted by protected endpoints, by class name (`AccessToken`, `SlidingToken`, …). */
  AUTH_TOKEN_CLASSES: string[];
  /** Claim holding the token type (default `token_type`). */
  TOKEN_TYPE_CLAIM: string;
  /** Claim holding the token id (default `jti`). */
  JTI_CLAIM: string;
  /** Claim holding a sliding token's refresh deadline (default `refresh_exp`). */
  SLIDING_TOKEN_REFRESH_EXP_CLAIM: string;
}

/** The signing key used when none is configured. Never use it outside development. */
export const DEFAULT_SIGNING_KEY = 'simplejwt-mock-insecure-development-signing-key';

/** SimpleJWT 5.2's defaults. */
export const DEFAULT_SETTINGS: Readonly<SimpleJwtSettings> = Object.freeze({
  ACCESS_TOKEN_LIFETIME: 300,
  REFRESH_TOKEN_LIFETIME: 86400,
  SLIDING_TOKEN_LIFETIME: 300,
  SLIDING_TOKEN_REFRESH_LIFETIME: 86400,
  ROTATE_REFRESH_TOKENS: false,
  BLACKLIST_AFTER_ROTATION: false,
  UPDATE_LAST_LOGIN: false,
  ALGORITHM: 'HS256',
  SIGNING_KEY: DEFAULT_SIGNING_KEY,
  LEEWAY: 0,
  AUTH_HEADER_TYPES: ['Bearer'],
  AUTH_HEADER_NAME: 'HTTP_AUTHORIZATION',
  USER_ID_FIELD: 'id',
  USER_ID_CLAIM: 'user_id',
  AUTH_TOKEN_CLASSES: ['rest_framework_simplejwt.tokens.AccessToken'],
  TOKEN_TYPE_CLAIM: 'token_type',
  JTI_CLAIM: 'jti',
  SLIDING_TOKEN_REFRESH_EXP_CLAIM: 'refresh_exp',
});

/** Settings as a user may write them: any subset, lifetimes as seconds or timedelta-like objects, header types as a string or list. */
export type SimpleJwtSettingsInput = Partial<
  Omit<
    SimpleJwtSettings,
    | 'ACCESS_TOKEN_LIFETIME'
    | 'REFRESH_TOKEN_LIFETIME'
    | 'SLIDING_TOKEN_LIFETIME'
    | 'SLIDING_TOKEN_REFRESH_LIFETIME'
    | 'LEEWAY'
    | 'AUTH_HEADER_TYPES'
    | 'AUTH_TOKEN_CLASSES'
  >
> & {
  ACCESS_TOKEN_LIFETIME?: Lifetime;
  REFRESH_TOKEN_LIFETIME?: Lifetime;
  SLIDING_TOKEN_LIFETIME?: Lifetime;
  SLIDING_TOKEN_REFRESH_LIFETIME?: Lifetime;
  LEEWAY?: Lifetime;
  AUTH_HEADER_TYPES?: string | string[];
  AUTH_TOKEN_CLASSES?: string | string[];
};

/** Converts a {@link Lifetime} to seconds. */
export function lifetimeSeconds(value: Lifetime): number {
  if (typeof value === 'number') return value;
  return (
    (value.days ?? 0) * 86400 +
    (value.hours ?? 0) * 3600 +
    (value.minutes ?? 0) * 60 +
    (value.seconds ?? 0) +
    (value.milliseconds ?? 0) / 1000
  );
}

const LIFETIMES = [
  'ACCESS_TOKEN_LIFETIME',
  'REFRESH_TOKEN_LIFETIME',
  'SLIDING_TOKEN_LIFETIME',
  'SLIDING_TOKEN_REFRESH_LIFETIME',
  'LEEWAY',
] as const;

/** Fills defaults and normalises units; throws on unknown algorithms or an empty header type list. */
export function resolveSettings(input: SimpleJwtSettingsInput = {}): SimpleJwtSettings {
  const out: SimpleJwtSettings = {
    ...DEFAULT_SETTINGS,
    AUTH_HEADER_TYPES: [...DEFAULT_SETTINGS.AUTH_HEADER_TYPES],
    AUTH_TOKEN_CLASSES: [...DEFAULT_SETTINGS.AUTH_TOKEN_CLASSES],
  };
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of LIFETIMES) {
    const v = (input as Record<string, Lifetime | undefined>)[key];
    if (v !== undefined) out[key] = lifetimeSeconds(v);
  }
  if (typeof input.AUTH_HEADER_TYPES === 'string') out.AUTH_HEADER_TYPES = [input.AUTH_HEADER_TYPES];
  if (typeof input.AUTH_TOKEN_CLASSES === 'string') out.AUTH_TOKEN_CLASSES = [input.AUTH_TOKEN_CLASSES];
  if (out.AUTH_HEADER_TYPES.length === 0) throw new TypeError('AUTH_HEADER_TYPES must name at least one scheme');
  if (!['HS256', 'HS384', 'HS512'].includes(out.ALGORITHM)) {
    throw new TypeError(
      `Unsupported ALGORITHM ${String(out.ALGORITHM)}: the mock signs with HMAC only (HS256, HS384, HS512)`,
    );
  }
  return out;
}

/** The HTTP header name for a WSGI `AUTH_HEADER_NAME` such as `HTTP_AUTHORIZATION`. */
export function authHeaderName(settings: SimpleJwtSettings): string {
  return settings.AUTH_HEADER_NAME.replace(/^HTTP_/, '').replace(/_/g, '-');
}
