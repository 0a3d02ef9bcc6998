import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidResponseError, RequestTimeoutError, SessionExpiredError, type SimpleJwtClientError } from '../index.js';
import { alice, baseUrl, setup, until } from './support.js';

let env: ReturnType<typeof setup>;
afterEach(() => env.teardown());

const refreshUrl = `${baseUrl}api/token/refresh/`;

/** A proxy's 502 page: HTML, not JSON. */
const html502 = (): Promise<Response> =>
  Promise.resolve(
    new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
      status: 502,
      headers: { 'Content-Type': 'text/html' },
    }),
  );

/**
 * A logged-in client on the deterministic fake token server (rotation + blacklist) whose refresh
 * calls go through `intercept` first (return undefined to pass through).
 */
async function loggedIn(intercept?: (url: string, init?: RequestInit) => Promise<Response> | undefined, extra = {}) {
  env = setup({ fake: { rotate: true, blacklistAfterRotation: true } });
  const server = env.fake!;
  const calls = { refresh: 0 };
  const platform = env.world.fork({
    fetch: (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url === refreshUrl) calls.refresh++;
      return (url === refreshUrl && intercept?.(url, init)) || server.fetch(input, init);
    },
  });
  const onSessionExpired = vi.fn();
  const auth = env.client({ platform, onSessionExpired, ...extra });
  await auth.ready;
  await auth.login(alice);
  return { auth, calls, platform, onSessionExpired };
}

const storedRefresh = async () =>
  JSON.parse((await env.storage.getItem('simplejwt-client')) ?? 'null')?.refresh as string | undefined;

describe('refresh failures', () => {
  it('ends the session once when the refresh token is blacklisted, rejecting every pending request', async () => {
    const { auth, onSessionExpired, platform } = await loggedIn();
    env.fake!.blacklistUserTokens('alice');
    env.world.setNow(env.world.now() + 301_000);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => auth.fetch('api/me/')));
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof SessionExpiredError)).toBe(true);
    expect(env.refreshes()).toBe(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(env.events.filter((e) => e.type === 'session-expired')).toHaveLength(1);
    expect(auth.getState()).toMatchObject({
      status: 'unauthenticated',
      claims: null,
      error: { code: 'session_expired' },
    });
    const cause = (auth.getState().error as SimpleJwtClientError).cause as SimpleJwtClientError;
    expect(cause).toMatchObject({ code: 'token_not_valid', status: 401, detail: 'Token is blacklisted' });
    expect(await env.storage.getItem('simplejwt-client')).toBeNull();
    expect(platform.pendingTimers()).toBe(0);
  });

  it('keeps the session on network failure and retries with bounded backoff, then again when back online', async () => {
    let offline = true;
    const { auth, calls, platform } = await loggedIn(() =>
      offline ? Promise.reject(new TypeError('Failed to fetch')) : undefined,
    );
    const before = await storedRefresh();
    env.world.setNow(env.world.now() + 280_000); // due (leeway 30 s) but not expired
    const pending = auth.getAccessToken();
    await env.world.advance(10_000);
    // Not yet expired: the current token is still handed out.
    expect(await pending).toEqual(expect.any(String));
    expect(calls.refresh).toBe(4);
    expect(auth.getState()).toMatchObject({ status: 'authenticated', error: { code: 'network_error' } });
    expect(await storedRefresh()).toBe(before);
    const failures = env.events.filter((e) => e.type === 'refresh-failure');
    expect(failures.map((e) => (e as { willRetry: boolean }).willRetry)).toEqual([true, true, true, false]);
    await env.world.advance(60_000);
    expect(calls.refresh).toBe(4); // no polling after the bounded attempts
    offline = false;
    platform.setOnline(false);
    platform.setOnline(true);
    await until(env.world, () => calls.refresh === 5 && auth.getState().error === null);
    expect(calls.refresh).toBe(5);
    expect(auth.getState()).toMatchObject({ status: 'authenticated', error: null });
  });

  it('retries an HTML 502 from a proxy and succeeds on the third attempt, keeping the session', async () => {
    let failures = 2;
    const { auth, calls } = await loggedIn(() => (failures-- > 0 ? html502() : undefined));
    env.world.setNow(env.world.now() + 301_000);
    const token = auth.getAccessToken();
    await env.world.advance(5_000);
    expect(await token).toEqual(expect.any(String));
    expect(calls.refresh).toBe(3);
    expect(auth.getState()).toMatchObject({ status: 'authenticated', error: null });
  });

  it('surfaces a typed server_error after bounded attempts of 5xx when the token has expired', async () => {
    const { auth, calls } = await loggedIn(html502);
    env.world.setNow(env.world.now() + 301_000);
    const token = auth.getAccessToken().catch((e: unknown) => e);
    await env.world.advance(2_000); // backoff 75 + 150 + 300 ms with the test's 100 ms base delay
    expect(await token).toMatchObject({ code: 'server_error', status: 502 });
    expect(calls.refresh).toBe(4);
    expect(auth.getState().status).toBe('authenticated');
    // Callers arriving right after a failure share it instead of stampeding the server.
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'server_error' });
    expect(calls.refresh).toBe(4);
  });

  it('times out a hanging refresh with RequestTimeoutError', async () => {
    const hang = (_url: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const { auth, calls } = await loggedIn(hang, { retry: { attempts: 1 } });
    env.world.setNow(env.world.now() + 301_000);
    const token = auth.getAccessToken().catch((e: unknown) => e);
    await env.world.advance(15_000);
    expect(await token).toBeInstanceOf(RequestTimeoutError);
    expect(calls.refresh).toBe(1);
    expect(auth.getState().status).toBe('authenticated');
  });

  it.each([
    ['not a JWT', { access: 'garbage', refresh: 'garbage' }],
    ['no exp claim', { access: 'eyJhbGciOiJIUzI1NiJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIn0.c2ln' }],
    ['no access field', { refresh: 'x' }],
  ])('rejects a refresh response with %s as InvalidResponseError and keeps the old session', async (_name, body) => {
    const { auth, calls } = await loggedIn(() => Promise.resolve(Response.json(body)));
    const before = await storedRefresh();
    env.world.setNow(env.world.now() + 301_000);
    const error = await auth.refresh().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(String((error as Error).message)).not.toMatch(/eyJ/);
    expect(calls.refresh).toBe(1);
    expect(await storedRefresh()).toBe(before);
    expect(auth.getState().status).toBe('authenticated');
  });

  it('rejects an HTML 200 page (captive portal) on refresh as InvalidResponseError', async () => {
    const html = () =>
      Promise.resolve(new Response('<html>Sign in to Wi-Fi</html>', { headers: { 'Content-Type': 'text/html' } }));
    const { auth } = await loggedIn(html);
    await expect(auth.refresh()).rejects.toBeInstanceOf(InvalidResponseError);
    expect(auth.getState().status).toBe('authenticated');
  });
});
