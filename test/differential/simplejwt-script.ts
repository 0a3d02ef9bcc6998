/**
 * The scenario script for SimpleJWT's own views: every endpoint, the request-parsing and
 * Authorization-header edge cases, crafted tokens, CORS, and users changed between requests
 * (deactivated, password changed, deleted).
 */
import { bearer, craftJwt, crafted, JSON_HEADERS, post, tok, type Step } from './harness.js';

const LOGIN_ALICE = '{"username":"alice","password":"alice-password-1"}';
const base = { exp: 4102444800, iat: 1600000000 };

/** Tokens signed with the differential key that no login can produce. */
function craftedTokens() {
  return {
    noJti: crafted({ token_type: 'refresh', ...base, user_id: 1 }),
    stringUid: crafted({ token_type: 'access', ...base, jti: 'c0ffee01', user_id: '1' }),
    badUid: crafted({ token_type: 'access', ...base, jti: 'c0ffee02', user_id: 'abc' }),
    expired: crafted({ token_type: 'access', exp: 1600000300, iat: 1600000000, jti: 'c0ffee03', user_id: 1 }),
    expiredRefresh: crafted({ token_type: 'refresh', exp: 1600086400, iat: 1600000000, jti: 'c0ffee04', user_id: 1 }),
    futureIat: crafted({ token_type: 'access', exp: 4102444800, iat: 4000000000, jti: 'c0ffee05', user_id: 1 }),
    // PyJWT 2.10 (SimpleJWT 5.5's stack) checks these; 2.6 lets them through or crashes.
    intJti: crafted({ token_type: 'access', ...base, jti: 12345, user_id: 1 }),
    intSub: crafted({ token_type: 'access', ...base, jti: 'c0ffee06', sub: 7, user_id: 1 }),
    stringIat: crafted({ token_type: 'access', exp: 4102444800, iat: '1600000000', jti: 'c0ffee07', user_id: 1 }),
    intKid: craftJwt(
      '{"alg":"HS256","kid":5,"typ":"JWT"}',
      JSON.stringify({ token_type: 'access', ...base, jti: 'c0ffee08', user_id: 1 }),
    ),
    crit: craftJwt(
      '{"alg":"HS256","crit":["exp"],"typ":"JWT"}',
      JSON.stringify({ token_type: 'access', ...base, jti: 'c0ffee09', user_id: 1 }),
    ),
    unknownUserRefresh: crafted({ token_type: 'refresh', ...base, jti: 'c0ffee0a', user_id: 999999 }),
    zeroUserRefresh: crafted({ token_type: 'refresh', ...base, jti: 'c0ffee0b', user_id: 0 }),
    stringUserRefresh: crafted({ token_type: 'refresh', ...base, jti: 'c0ffee0c', user_id: 'abc' }),
  };
}

const me = (name: string, headers: Step['headers']): Step => ({ name, path: 'api/me/', headers });
const bearerRaw = (token: string) => () => ({ authorization: `Bearer ${token}` });
const refreshWith = (name: string, from: string, field = 'refresh'): Step =>
  post(name, 'api/token/refresh/', (b) => JSON.stringify({ refresh: tok(from, field)(b) }));

/** The script every configuration runs. */
export function simplejwtScript(): Step[] {
  const t = craftedTokens();
  return [
    post('login', 'api/token/', LOGIN_ALICE),
    me('me', bearer('login', 'access')),
    refreshWith('refresh', 'login'),
    refreshWith('refresh-again', 'login'),
    post('verify-refresh', 'api/token/verify/', (b) => JSON.stringify({ token: tok('login', 'refresh')(b) })),
    post('verify-access', 'api/token/verify/', (b) => JSON.stringify({ token: tok('login', 'access')(b) })),
    post('verify-expired', 'api/token/verify/', JSON.stringify({ token: t.expired })),
    post('verify-garbage', 'api/token/verify/', '{"token":"garbage"}'),
    post('login2', 'api/token/', LOGIN_ALICE),
    post('logout', 'api/token/blacklist/', (b) => JSON.stringify({ refresh: tok('login2', 'refresh')(b) })),
    post('logout-again', 'api/token/blacklist/', (b) => JSON.stringify({ refresh: tok('login2', 'refresh')(b) })),
    refreshWith('refresh-after-logout', 'login2'),
    refreshWith('refresh-with-access', 'login2', 'access'),
    post('refresh-expired', 'api/token/refresh/', JSON.stringify({ refresh: t.expiredRefresh })),
    post(
      'refresh-form',
      'api/token/refresh/',
      (b) => `refresh=${tok('login', 'access')(b)}`,
      () => ({ 'content-type': 'application/x-www-form-urlencoded' }),
    ),
    post('sliding', 'api/token/sliding/', LOGIN_ALICE),
    post('sliding-refresh', 'api/token/sliding/refresh/', (b) => JSON.stringify({ token: tok('sliding', 'token')(b) })),
    me('me-sliding', bearer('sliding', 'token')),
    post('custom', 'api/token/custom/', '{"username":"carol","password":"carol-password-3"}'),
    refreshWith('custom-refresh', 'custom'),
    post('unicode', 'api/token/', '{"username":"zoë","password":"pässword-4"}'),
    me('me-unicode', bearer('unicode', 'access')),
    post('wrong-password', 'api/token/', '{"username":"alice","password":"nope"}'),
    post('inactive', 'api/token/', '{"username":"bob","password":"bob-password-2"}'),
    post('missing', 'api/token/', '{}'),
    post('blank', 'api/token/', '{"username":" ","password":""}'),
    post('types', 'api/token/', '{"username":true,"password":[1]}'),
    post('numbers', 'api/token/', '{"username":1.5,"password":2}'),
    post('list-body', 'api/token/', '[]'),
    post('null-body', 'api/token/', 'null'),
    post('nul-char', 'api/token/', '{"username":"a\\u0000","password":"x"}'),
    post('malformed', 'api/token/', '{"username":"alice",\n "password":}'),
    post('bad-utf8-escape', 'api/token/', '{"username":"\\x"}'),
    post('nan', 'api/token/', '{"username":NaN}'),
    post('empty-json', 'api/token/', ''),
    post('text-plain', 'api/token/', 'username=alice', () => ({ 'content-type': 'text/plain' })),
    post('escaped-quote-param', 'api/token/', LOGIN_ALICE, () => ({
      'content-type': 'application/json; x="a\\";b"; charset=utf-8',
    })),
    post('xml-accept', 'api/token/', LOGIN_ALICE, () => ({ ...JSON_HEADERS, accept: 'application/xml' })),
    post('html-accept', 'api/token/', '{"username":"alice","password":"nope"}', () => ({
      ...JSON_HEADERS,
      accept: 'text/html',
    })),
    post('indent', 'api/token/', '{}', () => ({ ...JSON_HEADERS, accept: 'application/json; indent=2' })),
    { name: 'get-token', path: 'api/token/' },
    { name: 'head-me', method: 'HEAD', path: 'api/me/' },
    { name: 'options', method: 'OPTIONS', path: 'api/token/refresh/' },
    post('no-slash', 'api/token', '{}'),
    { name: 'unknown', path: 'api/nope/' },
    { name: 'bad-csrf-cookie', path: 'api/public/', headers: () => ({ cookie: 'csrftoken=short' }) },
    me('no-auth', () => ({})),
    me('bare-bearer', () => ({ authorization: 'Bearer' })),
    me('lowercase', (b) => ({ authorization: `bearer ${tok('login', 'access')(b)}` })),
    me('jwt-scheme', bearer('login', 'access', 'JWT')),
    me('extra-spaces', (b) => ({ authorization: `Bearer    ${tok('login', 'access')(b)}` })),
    me('me-refresh', bearer('login', 'refresh')),
    me('me-garbage', () => ({ authorization: 'Bearer garbage' })),
    me('me-expired', bearerRaw(t.expired)),
    me('me-future-iat', bearerRaw(t.futureIat)),
    me('me-string-uid', bearerRaw(t.stringUid)),
    me('me-bad-uid', bearerRaw(t.badUid)),
    me('me-int-jti', bearerRaw(t.intJti)),
    me('me-int-sub', bearerRaw(t.intSub)),
    me('me-string-iat', bearerRaw(t.stringIat)),
    me('me-int-kid', bearerRaw(t.intKid)),
    me('me-crit', bearerRaw(t.crit)),
    post('refresh-no-jti', 'api/token/refresh/', JSON.stringify({ refresh: t.noJti })),
    post('refresh-unknown-user', 'api/token/refresh/', JSON.stringify({ refresh: t.unknownUserRefresh })),
    post('refresh-user-zero', 'api/token/refresh/', JSON.stringify({ refresh: t.zeroUserRefresh })),
    post('refresh-user-abc', 'api/token/refresh/', JSON.stringify({ refresh: t.stringUserRefresh })),
    post('logout-user-abc', 'api/token/blacklist/', JSON.stringify({ refresh: t.stringUserRefresh })),
    { name: 'public-anon', path: 'api/public/' },
    { name: 'public-auth', path: 'api/public/', headers: bearer('login', 'access') },
    { name: 'public-garbage', path: 'api/public/', headers: () => ({ authorization: 'Bearer garbage' }) },
    {
      name: 'preflight',
      method: 'OPTIONS',
      path: 'api/token/',
      headers: () => ({ origin: 'http://localhost:5173', 'access-control-request-method': 'POST' }),
    },
    {
      name: 'preflight-evil',
      method: 'OPTIONS',
      path: 'api/token/',
      headers: () => ({ origin: 'http://evil.example', 'access-control-request-method': 'POST' }),
    },
    post('cors-evil-post', 'api/token/', LOGIN_ALICE, () => ({ ...JSON_HEADERS, origin: 'http://evil.example' })),
    me('cors-401', () => ({ origin: 'http://localhost:5173' })),
    // Users changed between requests, as management commands do on the real server.
    post('dave', 'api/token/', '{"username":"dave","password":"dave-password-5"}'),
    { name: 'deactivate dave', action: ['set_user_active', 'dave', 'false'] },
    refreshWith('dave-refresh', 'dave'),
    me('dave-me', bearer('dave', 'access')),
    post('dave-login', 'api/token/', '{"username":"dave","password":"dave-password-5"}'),
    post('zoe', 'api/token/', '{"username":"zoë","password":"pässword-4"}'),
    { name: 'delete zoë', action: ['delete_user', 'zoë'] },
    refreshWith('zoe-refresh', 'zoe'),
    me('zoe-me', bearer('zoe', 'access')),
    post('zoe-logout', 'api/token/blacklist/', (b) => JSON.stringify({ refresh: tok('zoe', 'refresh')(b) })),
  ];
}

/** With `CHECK_REVOKE_TOKEN`: a password change revokes every token issued before it. */
export function revokeScript(): Step[] {
  const t = craftedTokens();
  return [
    post('login', 'api/token/', LOGIN_ALICE),
    me('me', bearer('login', 'access')),
    post('sliding', 'api/token/sliding/', LOGIN_ALICE),
    post('custom', 'api/token/custom/', '{"username":"carol","password":"carol-password-3"}'),
    me('no-claim', bearerRaw(t.stringUid)),
    { name: 'change password', action: ['set_user_password', 'alice', 'alice-password-2'] },
    me('me-after', bearer('login', 'access')),
    refreshWith('refresh-after', 'login'),
    me('me-refreshed', bearer('refresh-after', 'access')),
    post('verify-after', 'api/token/verify/', (b) => JSON.stringify({ token: tok('login', 'access')(b) })),
    post('old-password', 'api/token/', LOGIN_ALICE),
    post('new-password', 'api/token/', '{"username":"alice","password":"alice-password-2"}'),
    me('me-new', bearer('new-password', 'access')),
    { name: 'same password again', action: ['set_user_password', 'alice', 'alice-password-2'] },
    me('me-same-password', bearer('new-password', 'access')),
    post('logout-old', 'api/token/blacklist/', (b) => JSON.stringify({ refresh: tok('login', 'refresh')(b) })),
    { name: 'deactivate carol', action: ['set_user_active', 'carol', 'false'] },
    me('carol-inactive', bearer('custom', 'access')),
    refreshWith('carol-refresh', 'custom'),
  ];
}
