/**
 * Scenario scripts for the backends in front of SimpleJWT: dj-rest-auth's JWT mode (cookie mode
 * with and without CSRF, body mode) and djoser's JWT URLs.
 */
import { bearer, crafted, JSON_HEADERS, post, tok, type Bodies, type Jar, type Step } from './harness.js';

const ALICE = '{"username":"alice","password":"alice-password-1"}';
const LOGIN = 'dj-rest-auth/login/';
const LOGOUT = 'dj-rest-auth/logout/';
const REFRESH = 'dj-rest-auth/token/refresh/';
const expiredAccess = crafted({ token_type: 'access', exp: 1600000300, iat: 1600000000, jti: 'c0ffee31', user_id: 1 });
const noJtiRefresh = crafted({ token_type: 'refresh', exp: 4102444800, iat: 1600000000, user_id: 1 });

/** A request that sends the cookie jar, as a browser does on the API's own origin. */
const browser = (step: Step): Step => ({ ...step, withCookies: true });
/** Headers plus the `X-CSRFToken` a frontend copies from the `csrftoken` cookie. */
const csrf =
  (extra: Record<string, string> = {}) =>
  (_b: Bodies, jar: Jar): Record<string, string> => ({
    ...JSON_HEADERS,
    'x-csrftoken': jar.get('csrftoken') ?? '',
    ...extra,
  });
/** A Cookie header made of earlier steps' cookies: `[step, name]` pairs. */
const cookieOf =
  (...pairs: [string, string][]) =>
  (b: Bodies): Record<string, string> => ({
    cookie: pairs.map(([step, name]) => `${name}=${tok(`${step}.cookies`, name)(b)}`).join('; '),
  });

/** dj-rest-auth with `JWT_AUTH_HTTPONLY` (cookie mode), CSRF off. */
export function djRestAuthCookieScript(): Step[] {
  return [
    post('login', LOGIN, ALICE),
    browser({ name: 'user', path: 'dj-rest-auth/user/' }),
    browser({ name: 'me-cookie', path: 'api/me/' }),
    { name: 'me-header', path: 'api/me/', headers: bearer('login', 'access') },
    browser({ name: 'public-cookie', path: 'api/public/' }),
    browser(post('refresh', REFRESH, '{}')),
    post('refresh-body', REFRESH, (b) => JSON.stringify({ refresh: tok('login.cookies', 'refresh')(b) })),
    post('refresh-blank', REFRESH, '{"refresh":""}'),
    post('refresh-number', REFRESH, '{"refresh":12}'),
    post('refresh-nothing', REFRESH, '{}'),
    post('refresh-list', REFRESH, '[]'),
    post('verify', 'dj-rest-auth/token/verify/', (b) => JSON.stringify({ token: tok('login', 'access')(b) })),
    post('login-email', LOGIN, '{"email":"ALICE@example.com","password":"alice-password-1"}'),
    post('login-both', LOGIN, '{"username":"nobody","email":"carol@example.com","password":"carol-password-3"}'),
    post('login-wrong', LOGIN, '{"username":"alice","password":"nope"}'),
    post('login-inactive', LOGIN, '{"username":"bob","password":"bob-password-2"}'),
    post('login-missing', LOGIN, '{}'),
    post('login-blank', LOGIN, '{"username":"","email":"","password":"x"}'),
    post('login-bad-email', LOGIN, '{"email":"not an email","password":"x"}'),
    post('login-types', LOGIN, '{"username":true,"password":[1]}'),
    post('login-form', LOGIN, 'username=alice&password=alice-password-1', () => ({
      'content-type': 'application/x-www-form-urlencoded',
    })),
    post('login-stale-cookie', LOGIN, ALICE, () => ({ ...JSON_HEADERS, cookie: `access=${expiredAccess}` })),
    { name: 'options-login', method: 'OPTIONS', path: LOGIN },
    { name: 'options-refresh', method: 'OPTIONS', path: REFRESH },
    { name: 'get-logout', path: LOGOUT },
    { name: 'user-anonymous', path: 'dj-rest-auth/user/' },
    { name: 'me-garbage-cookie', path: 'api/me/', headers: () => ({ cookie: 'access=garbage' }) },
    post('no-slash', 'dj-rest-auth/login', ALICE),
    browser(post('logout', LOGOUT, '{}')),
    browser({ name: 'user-after-logout', path: 'dj-rest-auth/user/' }),
    post('refresh-old-cookie', REFRESH, '{}', cookieOf(['login', 'refresh'])),
    post('logout-again', LOGOUT, '{}', cookieOf(['login', 'refresh'], ['login', 'sessionid'])),
    post('logout-no-cookie', LOGOUT, '{}'),
    post('logout-garbage', LOGOUT, '{}', () => ({ ...JSON_HEADERS, cookie: 'refresh=garbage' })),
    post('logout-no-jti', LOGOUT, '{}', () => ({ ...JSON_HEADERS, cookie: `refresh=${noJtiRefresh}` })),
    post('logout-stale-access', LOGOUT, '{}', () => ({ ...JSON_HEADERS, cookie: `access=${expiredAccess}` })),
    post('dave', LOGIN, '{"username":"dave","password":"dave-password-5"}'),
    { name: 'deactivate dave', action: ['set_user_active', 'dave', 'false'] },
    post('dave-refresh', REFRESH, '{}', cookieOf(['dave', 'refresh'])),
    { name: 'dave-user', path: 'dj-rest-auth/user/', headers: cookieOf(['dave', 'access']) },
  ];
}

/** dj-rest-auth cookie mode with `JWT_AUTH_COOKIE_USE_CSRF`: unsafe cookie-authenticated calls need the token. */
export function djRestAuthCsrfScript(): Step[] {
  return [
    post('login', LOGIN, ALICE),
    browser({ name: 'user', path: 'dj-rest-auth/user/' }),
    browser(post('refresh', REFRESH, '{}')),
    browser(post('logout-no-token', LOGOUT, '{}')),
    browser(post('logout-wrong-token', LOGOUT, '{}', () => ({ ...JSON_HEADERS, 'x-csrftoken': 'a'.repeat(32) }))),
    browser(post('logout-short-token', LOGOUT, '{}', () => ({ ...JSON_HEADERS, 'x-csrftoken': 'abc' }))),
    browser(post('logout-evil-origin', LOGOUT, '{}', csrf({ origin: 'http://evil.example' }))),
    browser(post('login-again-no-token', LOGIN, ALICE)),
    browser({ name: 'me-header-no-token', path: 'api/me/', headers: bearer('login', 'access') }),
    post('logout-no-csrf-cookie', LOGOUT, '{}', (b) => ({
      ...JSON_HEADERS,
      'x-csrftoken': 'b'.repeat(32),
      cookie: `access=${tok('login.cookies', 'access')(b)}; refresh=${tok('login.cookies', 'refresh')(b)}`,
    })),
    post(
      'logout-form-token',
      LOGOUT,
      (b) => `csrfmiddlewaretoken=${tok('login.cookies', 'csrftoken')(b)}x`,
      () => ({ 'content-type': 'application/x-www-form-urlencoded' }),
    ),
    browser(post('logout', LOGOUT, '{}', csrf({ origin: 'http://localhost:5173' }))),
    browser({ name: 'user-after-logout', path: 'dj-rest-auth/user/' }),
  ].map((step) =>
    // The form step sends the jar too, with its own (wrong) token in the body.
    step.name === 'logout-form-token' ? { ...step, withCookies: true } : step,
  );
}

/** dj-rest-auth with `JWT_AUTH_HTTPONLY = False` (body mode), rotation and `JWT_AUTH_RETURN_EXPIRATION`. */
export function djRestAuthBodyScript(): Step[] {
  return [
    post('login', LOGIN, ALICE),
    post('refresh', REFRESH, (b) => JSON.stringify({ refresh: tok('login', 'refresh')(b) })),
    browser(post('refresh-cookie', REFRESH, '{}')),
    { name: 'me', path: 'api/me/', headers: bearer('refresh', 'access') },
    post('logout-missing', LOGOUT, '{}'),
    post('logout-list', LOGOUT, '[]'),
    post('logout-null', LOGOUT, '{"refresh":null}'),
    post('logout-number', LOGOUT, '{"refresh":12}'),
    post('logout-malformed', LOGOUT, '{"refresh":'),
    post('logout', LOGOUT, (b) => JSON.stringify({ refresh: tok('refresh-cookie', 'refresh')(b) })),
    post('logout-again', LOGOUT, (b) => JSON.stringify({ refresh: tok('refresh-cookie', 'refresh')(b) })),
    post('logout-rotated', LOGOUT, (b) => JSON.stringify({ refresh: tok('refresh', 'refresh')(b) })),
    post('refresh-rotated-away', REFRESH, (b) => JSON.stringify({ refresh: tok('login', 'refresh')(b) })),
  ];
}

/** djoser's JWT URLs (`AUTH_HEADER_TYPES = ('JWT',)`), with or without a blacklist view. */
export function djoserScript(): Step[] {
  return [
    post('create', 'auth/jwt/create/', ALICE),
    post('create-no-slash', 'auth/jwt/create', ALICE),
    post('create-suffix', 'auth/jwt/create/extra', ALICE),
    post('create-wrong', 'auth/jwt/create/', '{"username":"alice","password":"nope"}'),
    post('refresh', 'auth/jwt/refresh/', (b) => JSON.stringify({ refresh: tok('create', 'refresh')(b) })),
    post('verify', 'auth/jwt/verify', (b) => JSON.stringify({ token: tok('create', 'access')(b) })),
    { name: 'me-jwt', path: 'api/me/', headers: bearer('create', 'access', 'JWT') },
    { name: 'me-bearer', path: 'api/me/', headers: bearer('create', 'access') },
    { name: 'options-create', method: 'OPTIONS', path: 'auth/jwt/create/' },
    { name: 'get-create', path: 'auth/jwt/create/' },
    post('blacklist', 'auth/jwt/blacklist/', (b) => JSON.stringify({ refresh: tok('create', 'refresh')(b) })),
    post('refresh-after-blacklist', 'auth/jwt/refresh/', (b) =>
      JSON.stringify({ refresh: tok('create', 'refresh')(b) }),
    ),
    post('blacklist-no-slash', 'auth/jwt/blacklist', '{}'),
    { name: 'unknown', path: 'auth/jwt/' },
    post('simplejwt-path', 'api/token/', ALICE),
  ];
}
