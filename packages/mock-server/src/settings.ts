/**
 * SimpleJWT's settings, under SimpleJWT's own names and with its defaults, for the version the
 * mock imitates. Unknown names are refused, and so are real settings the mock does not model
 * unless they keep their default value (see {@link UNMODELLED_SETTINGS}).
 */
import { MockConfigError } from './config-error.js';
import { checkSettingValue, lifetimeSeconds, type Lifetime } from './settings-values.js';
import { DEFAULT_SIMPLEJWT_VERSION, type SimpleJwtVersion } from './versions.js';

export { lifetimeSeconds, type Lifetime, type TimedeltaLike } from './settings-values.js';

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
  /**
   * SimpleJWT ≥ 5.3 (version `'5.5'` only): tokens carry `REVOKE_TOKEN_CLAIM`, derived from the user's
   * password hash, and protected endpoints answer 401 `password_changed` once the password changed
   * (default false).
   */
  CHECK_REVOKE_TOKEN?: boolean;
  /** SimpleJWT ≥ 5.3: the claim of `CHECK_REVOKE_TOKEN` (default `hash_password`). */
  REVOKE_TOKEN_CLAIM?: string;
  /**
   * SimpleJWT ≥ 5.3: protected endpoints reject inactive users (`user_inactive`) and refresh answers
   * "No active account found for the given token." for them (default true). With false, inactive users'
   * tokens keep working; Django's `ModelBackend` still refuses their login.
   */
  CHECK_USER_IS_ACTIVE?: boolean;
}

/** The signing key used when none is configured. Never use it outside development. */
export const DEFAULT_SIGNING_KEY = 'simplejwt-mock-insecure-development-signing-key';

/** SimpleJWT 5.2's defaults (the settings every version has). */
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

/** The settings SimpleJWT 5.3 added, with their defaults. */
export const SETTINGS_ADDED_IN_5_3: Readonly<
  Required<Pick<SimpleJwtSettings, 'CHECK_REVOKE_TOKEN' | 'REVOKE_TOKEN_CLAIM' | 'CHECK_USER_IS_ACTIVE'>>
> = Object.freeze({ CHECK_REVOKE_TOKEN: false, REVOKE_TOKEN_CLAIM: 'hash_password', CHECK_USER_IS_ACTIVE: true });

/** Real SimpleJWT settings the mock does not model (see {@link UNMODELLED_SETTINGS}). */
export type UnmodelledSettingName =
  | 'VERIFYING_KEY'
  | 'AUDIENCE'
  | 'ISSUER'
  | 'JSON_ENCODER'
  | 'JWK_URL'
  | 'USER_AUTHENTICATION_RULE'
  | 'TOKEN_USER_CLASS'
  | 'TOKEN_OBTAIN_SERIALIZER'
  | 'TOKEN_REFRESH_SERIALIZER'
  | 'TOKEN_VERIFY_SERIALIZER'
  | 'TOKEN_BLACKLIST_SERIALIZER'
  | 'SLIDING_TOKEN_OBTAIN_SERIALIZER'
  | 'SLIDING_TOKEN_REFRESH_SERIALIZER';

/**
 * Real SimpleJWT settings the mock does not model, with their defaults. They are accepted at these
 * values (so a real server's effective settings can be passed as they are) and refused otherwise.
 */
export const UNMODELLED_SETTINGS: Readonly<Record<UnmodelledSettingName, string | null>> = Object.freeze({
  VERIFYING_KEY: '',
  AUDIENCE: null,
  ISSUER: null,
  JSON_ENCODER: null,
  JWK_URL: null,
  USER_AUTHENTICATION_RULE: 'rest_framework_simplejwt.authentication.default_user_authentication_rule',
  TOKEN_USER_CLASS: 'rest_framework_simplejwt.models.TokenUser',
  TOKEN_OBTAIN_SERIALIZER: 'rest_framework_simplejwt.serializers.TokenObtainPairSerializer',
  TOKEN_REFRESH_SERIALIZER: 'rest_framework_simplejwt.serializers.TokenRefreshSerializer',
  TOKEN_VERIFY_SERIALIZER: 'rest_framework_simplejwt.serializers.TokenVerifySerializer',
  TOKEN_BLACKLIST_SERIALIZER: 'rest_framework_simplejwt.serializers.TokenBlacklistSerializer',
  SLIDING_TOKEN_OBTAIN_SERIALIZER: 'rest_framework_simplejwt.serializers.TokenObtainSlidingSerializer',
  SLIDING_TOKEN_REFRESH_SERIALIZER: 'rest_framework_simplejwt.serializers.TokenRefreshSlidingSerializer',
});

// SimpleJWT raises at start-up for these ("The 'X' setting has been removed").
const REMOVED_SETTINGS = ['AUTH_HEADER_TYPE', 'AUTH_TOKEN_CLASS', 'SECRET_KEY', 'TOKEN_BACKEND_CLASS'];

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
  /** Lifetime of access tokens: seconds or `{ minutes: 5 }` (default 300 s). */
  ACCESS_TOKEN_LIFETIME?: Lifetime;
  /** Lifetime of refresh tokens (default one day). */
  REFRESH_TOKEN_LIFETIME?: Lifetime;
  /** Lifetime of a sliding token's `exp` (default 300 s). */
  SLIDING_TOKEN_LIFETIME?: Lifetime;
  /** Lifetime of a sliding token's `refresh_exp` (default one day). */
  SLIDING_TOKEN_REFRESH_LIFETIME?: Lifetime;
  /** Clock skew allowance (default 0). */
  LEEWAY?: Lifetime;
  /** One scheme or a list (default `['Bearer']`). */
  AUTH_HEADER_TYPES?: string | string[];
  /** One token class or a list (default `['rest_framework_simplejwt.tokens.AccessToken']`). */
  AUTH_TOKEN_CLASSES?: string | string[];
} & Partial<Record<UnmodelledSettingName, string | null>>;

const LIFETIMES = new Set([
  'ACCESS_TOKEN_LIFETIME',
  'REFRESH_TOKEN_LIFETIME',
  'SLIDING_TOKEN_LIFETIME',
  'SLIDING_TOKEN_REFRESH_LIFETIME',
  'LEEWAY',
]);

/**
 * Fills defaults for `version` and normalises units. Throws a `MockConfigError` naming the setting for
 * an unknown setting, a setting of a later SimpleJWT than `version`, an unmodelled setting away from its
 * default, or a value of the wrong type.
 */
export function resolveSettings(
  input: SimpleJwtSettingsInput = {},
  version: SimpleJwtVersion = DEFAULT_SIMPLEJWT_VERSION,
): SimpleJwtSettings {
  const added = version === '5.2' ? {} : SETTINGS_ADDED_IN_5_3;
  const out: SimpleJwtSettings = {
    ...DEFAULT_SETTINGS,
    ...added,
    AUTH_HEADER_TYPES: [...DEFAULT_SETTINGS.AUTH_HEADER_TYPES],
    AUTH_TOKEN_CLASSES: [...DEFAULT_SETTINGS.AUTH_TOKEN_CLASSES],
  };
  const target = out as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (key in UNMODELLED_SETTINGS) {
      const accepted = UNMODELLED_SETTINGS[key as UnmodelledSettingName];
      if (value !== accepted) {
        throw new MockConfigError(
          'unsupported_setting',
          `SIMPLE_JWT setting ${key} is not modelled by the mock (only its default ${JSON.stringify(accepted)} is accepted)`,
          key,
        );
      }
      continue;
    }
    if (key in SETTINGS_ADDED_IN_5_3 && !(key in added)) {
      throw new MockConfigError(
        'setting_not_in_version',
        `SIMPLE_JWT setting ${key} does not exist in SimpleJWT ${version} (it came with 5.3); use version '5.5'`,
        key,
      );
    }
    if (!(key in out)) {
      const removed = REMOVED_SETTINGS.includes(key) ? ' (SimpleJWT removed it)' : '';
      throw new MockConfigError('unknown_setting', `Unknown SIMPLE_JWT setting ${key}${removed}`, key);
    }
    checkSettingValue(key, value);
    if (LIFETIMES.has(key)) target[key] = lifetimeSeconds(value as Lifetime);
    else if ((key === 'AUTH_HEADER_TYPES' || key === 'AUTH_TOKEN_CLASSES') && typeof value === 'string')
      target[key] = [value];
    else target[key] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}

/** The HTTP header name for a WSGI `AUTH_HEADER_NAME` such as `HTTP_AUTHORIZATION`. */
export function authHeaderName(settings: SimpleJwtSettings): string {
  return settings.AUTH_HEADER_NAME.replace(/^HTTP_/, '').replace(/_/g, '-');
}
