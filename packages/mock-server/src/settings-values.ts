/**
 * The value side of the settings: lifetimes in Python's `timedelta` shape, and the type each
 * setting must have.
 */
import { MockConfigError } from './config-error.js';

/** A duration in seconds, or a Python `timedelta`-like object (`{ "days": 1 }`, `{ "seconds": 300 }`). */
export type Lifetime = number | TimedeltaLike;

/** Python's `timedelta(days=…, hours=…, …)`, as JSON: the parts add up. */
export interface TimedeltaLike {
  /** Days. */
  days?: number;
  /** Hours. */
  hours?: number;
  /** Minutes. */
  minutes?: number;
  /** Seconds. */
  seconds?: number;
  /** Milliseconds. */
  milliseconds?: number;
}

const TIMEDELTA_KEYS = ['days', 'hours', 'minutes', 'seconds', 'milliseconds'];

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

const BOOLEANS = new Set([
  'ROTATE_REFRESH_TOKENS',
  'BLACKLIST_AFTER_ROTATION',
  'UPDATE_LAST_LOGIN',
  'CHECK_REVOKE_TOKEN',
  'CHECK_USER_IS_ACTIVE',
]);
const NAMES = new Set([
  'AUTH_HEADER_NAME',
  'USER_ID_FIELD',
  'USER_ID_CLAIM',
  'TOKEN_TYPE_CLAIM',
  'JTI_CLAIM',
  'SLIDING_TOKEN_REFRESH_EXP_CLAIM',
  'REVOKE_TOKEN_CLAIM',
]);
const LIFETIME_SETTINGS = new Set([
  'ACCESS_TOKEN_LIFETIME',
  'REFRESH_TOKEN_LIFETIME',
  'SLIDING_TOKEN_LIFETIME',
  'SLIDING_TOKEN_REFRESH_LIFETIME',
  'LEEWAY',
]);
/** The token classes `AUTH_TOKEN_CLASSES` may name (dotted path or bare class name). */
export const TOKEN_CLASSES = ['AccessToken', 'RefreshToken', 'SlidingToken', 'UntypedToken'];

const isLifetime = (v: unknown): boolean =>
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.entries(v).every(([k, x]) => TIMEDELTA_KEYS.includes(k) && typeof x === 'number' && Number.isFinite(x)));

const stringList = (v: unknown): string[] | undefined =>
  typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;

/** Throws a `MockConfigError` (`invalid_setting` or `unsupported_setting`) when `value` cannot be the setting `key`. */
export function checkSettingValue(key: string, value: unknown): void {
  const invalid = (expected: string): never => {
    throw new MockConfigError('invalid_setting', `SIMPLE_JWT setting ${key} must be ${expected}`, key);
  };
  if (BOOLEANS.has(key)) {
    if (typeof value !== 'boolean') invalid('true or false');
  } else if (NAMES.has(key)) {
    if (typeof value !== 'string' || value === '') invalid('a non-empty string');
  } else if (LIFETIME_SETTINGS.has(key)) {
    if (!isLifetime(value)) invalid('a number of seconds or a timedelta-like object such as {"minutes": 5}');
  } else if (key === 'SIGNING_KEY') {
    if (typeof value !== 'string') invalid('a string');
  } else if (key === 'ALGORITHM') {
    if (!['HS256', 'HS384', 'HS512'].includes(value as string)) {
      throw new MockConfigError(
        'unsupported_setting',
        `Unsupported ALGORITHM ${String(value)}: the mock signs with HMAC only (HS256, HS384, HS512)`,
        key,
      );
    }
  } else if (key === 'AUTH_HEADER_TYPES') {
    const list = stringList(value);
    if (!list || list.length === 0 || list.some((t) => t === '')) invalid('a scheme or a non-empty list of schemes');
  } else if (key === 'AUTH_TOKEN_CLASSES') {
    const list = stringList(value);
    if (!list || list.length === 0) invalid('a token class or a non-empty list of them');
    for (const path of list!) {
      if (!TOKEN_CLASSES.includes(path.split('.').pop()!))
        invalid(`made of SimpleJWT's token classes (${TOKEN_CLASSES.join(', ')}); got ${path}`);
    }
  }
}
