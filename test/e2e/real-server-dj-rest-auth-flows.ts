/**
 * The scenarios of dj-rest-auth's cookie mode in Chromium (issue 10): the full flow (login → calls
 * across refreshes → reload → two tabs → logout in one → both logged out → every issued refresh
 * token rejected), and a logout the server's CSRF check refuses. Each asserts that the refresh
 * token never reaches page scripts.
 */
import { expect } from 'vitest';
import { PROBE_TARGETS, accepted, expectOneTokenPerRefresh, probeRefreshTokens } from '../support/real-server-probe.js';
import type { DjraEventView } from './page/dj-rest-auth-api.js';
import { ALICE, type DjraTab, type DjraWorld, STORAGE_KEY } from './real-server-dj-rest-auth-world.js';

/** Refreshes while the first tab calls the API alone (before the reload's). */
export const REFRESHES_ALONE = 1;
/** Refreshes while two tabs call it. */
export const REFRESHES_TOGETHER = 2;

/** What login resolves with for alice: dj-rest-auth's `user`. */
export const ALICE_USER = { pk: 1, username: 'alice', email: 'alice@example.com', first_name: '', last_name: '' };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Token-endpoint requests (login and refresh) the proxy saw so far. */
const tokenRequests = (world: DjraWorld): number => world.proxy.count('obtain') + world.proxy.count('refresh');

/** Events that end a session or report a problem. */
const troubles = (events: DjraEventView[]): DjraEventView[] =>
  events.filter((e) => ['session-expired', 'configuration-error', 'refresh-failure'].includes(e.type));

/** Calls `api/me/` from each tab (one call at a time each, 100 ms apart) until `done()`; returns the calls that failed. */
async function callUntil(tabs: DjraTab[], done: () => boolean): Promise<{ calls: number; failed: string[] }> {
  let calls = 0;
  const failed: string[] = [];
  const deadline = Date.now() + 30_000;
  await Promise.all(
    tabs.map(async (tab) => {
      while (!done()) {
        if (Date.now() > deadline) throw new Error('Timed out waiting for the refreshes');
        calls += 1;
        const outcome = await tab.me();
        if (!outcome.ok || outcome.value.status !== 200 || outcome.value.id !== ALICE.id)
          failed.push(JSON.stringify(outcome));
        await sleep(100);
      }
    }),
  );
  return { calls, failed };
}

/** No token the server issued is readable by `tab`'s scripts: not in storage, `document.cookie` or any response body. */
export async function expectHiddenFromScripts(world: DjraWorld, tab: DjraTab): Promise<void> {
  const tokens = world.proxy.issued;
  expect(tokens.length).toBeGreaterThan(0);
  const visible = await tab.visible();
  expect(visible.cookie).not.toMatch(/(^|;\s*)(refresh|access)=/);
  const readable = [JSON.stringify(visible), ...(await tab.bodies())].join('\n');
  for (const token of tokens) expect(readable.includes(token), 'a refresh token readable by scripts').toBe(false);
}

/** Logs alice in on a fresh tab (after its start-up refresh found no cookie) and checks the cookies. */
export async function loginFirstTab(world: DjraWorld, csrf: boolean): Promise<DjraTab> {
  const tab = await world.open({ csrf });
  // Cookie mode with nothing stored: one start-up refresh, which finds no cookie.
  expect(await tab.state()).toMatchObject({ status: 'unauthenticated', userId: null });
  expect(world.proxy.entries.map((e) => [e.endpoint, e.status, e.detail])).toContainEqual([
    'refresh',
    401,
    'No valid refresh token found.',
  ]);
  expect(troubles(await tab.events())).toEqual([]);
  await world.proxy.quiet();
  world.proxy.reset();

  expect(await tab.login(ALICE)).toEqual({ ok: true, value: { user: ALICE_USER } });
  const cookies = await world.cookies();
  expect(cookies.get('refresh')).toMatchObject({ value: world.proxy.issued[0], httpOnly: true });
  expect(cookies.get('access')).toMatchObject({ httpOnly: true });
  expect(cookies.get('csrftoken')).toMatchObject({ httpOnly: false });
  return tab;
}

/** Refreshes in `tab`, so that the access cookie sent with the next request has most of its life ahead. */
async function freshAccessCookie(world: DjraWorld, tab: DjraTab): Promise<void> {
  expect(await tab.refresh()).toEqual({ ok: true, value: undefined });
  const access = (await world.cookies()).get('access');
  expect(access?.expires, 'the access cookie').toBeGreaterThan(Date.now() / 1000 + 1);
}

/**
 * The full flow in cookie mode; `csrf`: the page's client sends `X-CSRFToken`. Logout must be
 * accepted (with the access cookie present, so that a CSRF check, if enabled, applied) and revoke
 * every refresh token the server issued. Returns counts for the summary line.
 */
export async function runCookieFlow(world: DjraWorld, csrf: boolean) {
  const { proxy } = world;
  const first = await loginFirstTab(world, csrf);

  // API calls across several refreshes.
  const alone = await callUntil([first], () => proxy.count('refresh', 200) >= REFRESHES_ALONE);
  expect(alone.failed, proxy.log()).toEqual([]);
  await expectHiddenFromScripts(world, first);

  // Reload right after a refresh: the stored access token is used, no token request.
  expect(await first.refresh()).toEqual({ ok: true, value: undefined });
  const beforeReload = tokenRequests(world);
  await first.reload();
  expect(await first.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
  expect(await first.me()).toEqual({ ok: true, value: { status: 200, id: ALICE.id } });
  expect(tokenRequests(world) - beforeReload, proxy.log()).toBe(0);

  // A second tab: authenticated from storage, no token request; both call across more refreshes.
  const second = await world.open({ csrf });
  expect(await second.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
  expect(tokenRequests(world) - beforeReload, proxy.log()).toBe(0);
  const target = proxy.count('refresh', 200) + REFRESHES_TOGETHER;
  const together = await callUntil([first, second], () => proxy.count('refresh', 200) >= target);
  expect(together.failed, proxy.log()).toEqual([]);

  // Logout in the second tab, with a live access cookie: accepted, both tabs logged out, cookies gone.
  await freshAccessCookie(world, second);
  expect(await second.logout()).toEqual({ ok: true, value: undefined });
  expect((await second.events()).filter((e) => e.type === 'logout-revocation')).toEqual([
    { type: 'logout-revocation', outcome: 'revoked' },
  ]);
  await first.waitForStatus('unauthenticated');
  for (const tab of [first, second]) expect((await tab.visible()).local[STORAGE_KEY]).toBeUndefined();
  const cookies = await world.cookies();
  expect([cookies.has('refresh'), cookies.has('access')]).toEqual([false, false]);
  expect(proxy.entries.filter((e) => e.endpoint === 'blacklist').map((e) => [e.status, e.detail])).toEqual([
    [200, undefined],
  ]);
  await proxy.quiet();

  // The server's side: every refresh accepted and rotated, and every issued refresh token dead.
  const refreshes = expectOneTokenPerRefresh(proxy);
  for (const tab of [first, second]) {
    expect(troubles(await tab.events())).toEqual([]);
    await expectHiddenFromScripts(world, tab);
  }
  const probes = await probeRefreshTokens(proxy.upstream, proxy.issued, PROBE_TARGETS['dj-rest-auth-cookie']);
  expect(accepted(probes), proxy.log()).toEqual([]);
  return {
    calls: alone.calls + together.calls + 1,
    retried: proxy.count('api', 401),
    refreshes,
    issued: proxy.issued.length,
  };
}

/**
 * A server with `JWT_AUTH_COOKIE_USE_CSRF` and a client without `csrf`: the logout (authenticated
 * by the access cookie, without `X-CSRFToken`) is refused 403; the app learns it (logout rejects
 * with `LogoutRefusedError`, the event and the state say so); both tabs are logged out locally, but
 * the httpOnly refresh cookie survives, still valid, and a reload logs the user back in.
 */
export async function runRefusedLogout(world: DjraWorld, csrfDetail: string) {
  const { proxy } = world;
  const first = await loginFirstTab(world, false);
  const second = await world.open({ csrf: false });
  expect(await second.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
  for (const tab of [first, second]) expect(await tab.me()).toEqual({ ok: true, value: { status: 200, id: ALICE.id } });

  await freshAccessCookie(world, second);
  const refused = { name: 'LogoutRefusedError', code: 'logout_refused', status: 403, detail: csrfDetail };
  expect(await second.logout()).toEqual({ ok: false, error: refused });
  expect((await second.events()).filter((e) => e.type === 'logout-revocation')).toEqual([
    { type: 'logout-revocation', outcome: 'refused', error: refused },
  ]);
  expect(await second.state()).toEqual({ status: 'unauthenticated', userId: null, error: refused });
  await first.waitForStatus('unauthenticated');
  expect((await first.events()).filter((e) => e.type === 'logout')).toEqual([{ type: 'logout', source: 'other-tab' }]);
  expect(proxy.entries.filter((e) => e.endpoint === 'blacklist').map((e) => [e.status, e.detail])).toEqual([
    [403, csrfDetail],
  ]);

  // The server kept the session: the refresh cookie is still there, and a reload logs alice back in.
  const cookies = await world.cookies();
  expect(cookies.get('refresh')?.value).toBe(proxy.issued.at(-1));
  const beforeReload = proxy.count('refresh', 200);
  await first.reload();
  expect(await first.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
  expect(proxy.count('refresh', 200) - beforeReload).toBe(1);
  await proxy.quiet();
  const probes = await probeRefreshTokens(proxy.upstream, proxy.issued, PROBE_TARGETS['dj-rest-auth-cookie']);
  expect(accepted(probes), proxy.log()).toEqual([{ token: proxy.issued.length - 1, status: 200 }]);
  for (const tab of [first, second]) await expectHiddenFromScripts(world, tab);
}
