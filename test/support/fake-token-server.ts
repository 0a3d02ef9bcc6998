/**
 * A deterministic stand-in for SimpleJWT's token views and one protected view, for timing tests:
 * unsigned tokens with SimpleJWT's claims (the client never verifies signatures), answers that
 * settle in microtasks (no WebCrypto thread pool), so virtual time needs no real waiting. The
 * semantics that timing depends on are SimpleJWT's: `iat = floor(now)`, `exp = iat + lifetime`, an
 * access token made by refresh copies the refresh token's `iat`, rotation, blacklist, and the 401
 * bodies. Everything else belongs to `@simplejwt-client/mock-server`, which is checked against Django.
 */

/** Settings, SimpleJWT's names in spirit; lifetimes in seconds. */
export interface FakeServerOptions {
  /** Server clock in ms. */
  now: () => number;
  accessLifetime?: number;
  refreshLifetime?: number;
  slidingLifetime?: number;
  slidingRefreshLifetime?: number;
  rotate?: boolean;
  blacklistAfterRotation?: boolean;
  authHeaderTypes?: string[];
  /** SimpleJWT 5.5: refreshing for an inactive user answers 401 "No active account found for the given token.". */
  refreshChecksUser?: boolean;
  /** SimpleJWT ≥ 5.3's CHECK_REVOKE_TOKEN: tokens from before a password change get 401 `password_changed`. */
  checkRevokeToken?: boolean;
}

interface Issued {
  type: 'access' | 'refresh' | 'sliding';
  userId: number;
  exp: number;
  refreshExp?: number;
  password: number;
}

interface FakeUser {
  id: number;
  username: string;
  password: string;
  active: boolean;
  passwordVersion: number;
}

/** A request the fake answered. */
export interface FakeRequest {
  endpoint: 'obtain' | 'refresh' | 'blacklist' | 'verify' | 'me' | 'slidingObtain' | 'slidingRefresh' | 'other';
  status: number;
  authorization: string | null;
}

const paths: Record<string, FakeRequest['endpoint']> = {
  '/api/token/': 'obtain',
  '/api/token/refresh/': 'refresh',
  '/api/token/blacklist/': 'blacklist',
  '/api/token/verify/': 'verify',
  '/api/token/sliding/': 'slidingObtain',
  '/api/token/sliding/refresh/': 'slidingRefresh',
  '/api/me/': 'me',
};

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const invalid = (detail = 'Token is invalid or expired'): Response => json({ detail, code: 'token_not_valid' }, 401);

/** Creates the fake server: `fetch` answers under any origin; the rest inspects and changes its state. */
export function createFakeTokenServer(options: FakeServerOptions) {
  const settings = {
    accessLifetime: 300,
    refreshLifetime: 86_400,
    slidingLifetime: 300,
    slidingRefreshLifetime: 86_400,
    authHeaderTypes: ['Bearer'],
    ...options,
  };
  const users = new Map<string, FakeUser>([
    ['alice', { id: 1, username: 'alice', password: 'alice-password-1', active: true, passwordVersion: 0 }],
    ['bob', { id: 2, username: 'bob', password: 'bob-password-2', active: false, passwordVersion: 0 }],
  ]);
  const issued = new Map<string, Issued>();
  const blacklist = new Set<string>();
  const requests: FakeRequest[] = [];
  const gates: Array<{ endpoint: FakeRequest['endpoint']; wait: () => Promise<void> }> = [];
  let counter = 0;
  const nowSec = (): number => Math.floor(settings.now() / 1000);
  const userById = (id: number): FakeUser | undefined => [...users.values()].find((u) => u.id === id);

  const mint = (type: Issued['type'], user: FakeUser, iat: number, lifetime: number, extra: Partial<Issued> = {}) => {
    const exp = nowSec() + lifetime;
    const claims: Record<string, unknown> = { token_type: type, exp, iat, jti: `jti${++counter}`, user_id: user.id };
    if (extra.refreshExp !== undefined) claims.refresh_exp = extra.refreshExp;
    const token = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.ZmFrZQ`;
    issued.set(token, { type, userId: user.id, exp, password: user.passwordVersion, ...extra });
    return { token, iat };
  };

  /** The issued token `raw` when it is of `type`, unexpired and not blacklisted. */
  const valid = (raw: unknown, type: Issued['type']): Issued | undefined => {
    const token = typeof raw === 'string' ? issued.get(raw) : undefined;
    if (!token || token.type !== type || token.exp <= settings.now() / 1000 || blacklist.has(raw as string)) return;
    return token;
  };

  const handlers: Record<FakeRequest['endpoint'], (body: Record<string, unknown>, request: Request) => Response> = {
    obtain(body) {
      const user = users.get(String(body.username));
      if (!user || user.password !== body.password || !user.active)
        return json({ detail: 'No active account found with the given credentials' }, 401);
      const refresh = mint('refresh', user, nowSec(), settings.refreshLifetime);
      return json({ refresh: refresh.token, access: mint('access', user, refresh.iat, settings.accessLifetime).token });
    },
    refresh(body) {
      const token = valid(body.refresh, 'refresh');
      const user = token && userById(token.userId);
      if (!token || !user) return invalid(blacklist.has(String(body.refresh)) ? 'Token is blacklisted' : undefined);
      if (settings.refreshChecksUser && !user.active)
        return json({ detail: 'No active account found for the given token.' }, 401);
      const iat = JSON.parse(Buffer.from(String(body.refresh).split('.')[1]!, 'base64url').toString()).iat as number;
      const answer: Record<string, string> = {
        access: mint('access', user, iat, settings.accessLifetime, { password: token.password }).token,
      };
      if (settings.rotate) {
        if (settings.blacklistAfterRotation) blacklist.add(String(body.refresh));
        answer.refresh = mint('refresh', user, nowSec(), settings.refreshLifetime, { password: token.password }).token;
      }
      return json(answer);
    },
    blacklist(body) {
      if (!valid(body.refresh, 'refresh'))
        return invalid(blacklist.has(String(body.refresh)) ? 'Token is blacklisted' : undefined);
      blacklist.add(String(body.refresh));
      return json({});
    },
    verify(body) {
      const raw = String(body.token);
      return issued.has(raw) && issued.get(raw)!.exp > settings.now() / 1000 ? json({}) : invalid();
    },
    slidingObtain(body) {
      const user = users.get(String(body.username));
      if (!user || user.password !== body.password || !user.active)
        return json({ detail: 'No active account found with the given credentials' }, 401);
      const refreshExp = nowSec() + settings.slidingRefreshLifetime;
      return json({ token: mint('sliding', user, nowSec(), settings.slidingLifetime, { refreshExp }).token });
    },
    slidingRefresh(body) {
      const token = valid(body.token, 'sliding');
      const user = token && userById(token.userId);
      if (!token || !user || (token.refreshExp ?? 0) <= settings.now() / 1000) return invalid();
      return json({
        token: mint('sliding', user, nowSec(), settings.slidingLifetime, { refreshExp: token.refreshExp }).token,
      });
    },
    me(_body, request) {
      const header = request.headers.get('authorization') ?? '';
      const [scheme, raw] = header.split(' ');
      const realm = { 'www-authenticate': `${settings.authHeaderTypes[0]} realm="api"` };
      if (!scheme || !settings.authHeaderTypes.includes(scheme))
        return json({ detail: 'Authentication credentials were not provided.' }, 401, realm);
      const token = valid(raw, 'access') ?? valid(raw, 'sliding');
      if (!token)
        return json({ detail: 'Given token not valid for any token type', code: 'token_not_valid' }, 401, realm);
      const user = userById(token.userId);
      if (!user) return json({ detail: 'User not found', code: 'user_not_found' }, 401, realm);
      if (!user.active) return json({ detail: 'User is inactive', code: 'user_inactive' }, 401, realm);
      if (settings.checkRevokeToken && token.password !== user.passwordVersion)
        return json({ detail: "The user's password has been changed.", code: 'password_changed' }, 401, realm);
      return json({ id: user.id, username: user.username });
    },
    other: () => new Response('<h1>Not Found</h1>', { status: 404, headers: { 'content-type': 'text/html' } }),
  };

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const endpoint = paths[new URL(request.url).pathname] ?? 'other';
    for (const gate of gates.filter((g) => g.endpoint === endpoint)) await gate.wait();
    const text = request.method === 'POST' ? await request.text() : '';
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const response = handlers[endpoint](body, request);
    requests.push({ endpoint, status: response.status, authorization: request.headers.get('authorization') });
    return response;
  };

  return {
    fetch,
    requests,
    /** Requests answered for `endpoint` (all when omitted). */
    count: (endpoint?: FakeRequest['endpoint']) => requests.filter((r) => !endpoint || r.endpoint === endpoint).length,
    /** 401 answers of the protected view. */
    unauthorized: () => requests.filter((r) => r.endpoint === 'me' && r.status === 401).length,
    /** Whether the server still accepts the refresh token `raw`. */
    accepts: (raw: string) => valid(raw, 'refresh') !== undefined,
    /** Every refresh token issued so far. */
    issuedRefreshTokens: () => [...issued].filter(([, t]) => t.type === 'refresh').map(([raw]) => raw),
    /** Makes requests to `endpoint` wait for `wait()` before they are answered (to hold a response in flight). */
    gate(endpoint: FakeRequest['endpoint'], wait: () => Promise<void>) {
      gates.push({ endpoint, wait });
    },
    /** Blacklists every refresh token issued to `username` (an admin revoking the user's sessions). */
    blacklistUserTokens(username: string) {
      const id = users.get(username)!.id;
      for (const [raw, token] of issued) if (token.type === 'refresh' && token.userId === id) blacklist.add(raw);
    },
    setActive(username: string, active: boolean) {
      users.get(username)!.active = active;
    },
    deleteUser(username: string) {
      users.delete(username);
    },
    changePassword(username: string, password: string) {
      const user = users.get(username)!;
      user.password = password;
      user.passwordVersion++;
    },
  };
}

/** The fake server's type. */
export type FakeTokenServer = ReturnType<typeof createFakeTokenServer>;
