/**
 * The TanStack Query recipe in real Chromium, two tabs of one origin against the SimpleJWT mock
 * (rotating and blacklisting refresh tokens): each tab's query cache follows the session — a
 * different user's login in one tab clears alice's data in both, a logout clears both — and a
 * refetch of every query in both tabs on a token the server rejects costs one refresh, no failure.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { closeBrowser, launchBrowser, newContext, type PageDiagnostics, watchPage } from '../support/browser.js';
import type { TanstackPageApi } from './tanstack-page/app.js';
import { startTanstackServer } from './tanstack-server.js';

type Server = Awaited<ReturnType<typeof startTanstackServer>>;
type View = ReturnType<TanstackPageApi['view']>;

let browser: Browser;
let server: Server;
let context: BrowserContext;
const diagnostics: PageDiagnostics[] = [];

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startTanstackServer({ settings: { ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true } }),
  ]);
  context = await newContext(browser);
});
afterAll(async () => {
  await context?.close();
  await closeBrowser(browser);
  await server?.close();
});
afterEach(() => {
  expect(diagnostics.flatMap((d) => d.uncaught)).toEqual([]);
  expect(server.errors).toEqual([]);
});

async function openTab(): Promise<Page> {
  const page = await context.newPage();
  diagnostics.push(watchPage(page));
  await page.goto(server.url);
  await page.waitForFunction(() => '__tanstackE2e' in window);
  return page;
}

const call = <R>(page: Page, fn: (api: TanstackPageApi) => R | Promise<R>): Promise<R> =>
  page.evaluate(
    (source) => new Function('api', `return (${source})(api)`)((window as any).__tanstackE2e),
    fn.toString(),
  ) as Promise<R>;
const view = (page: Page): Promise<View> => call(page, (api) => api.view());
const shown = (page: Page, text: string) =>
  page.waitForFunction((expected) => document.getElementById('me')?.textContent === expected, text, {
    polling: 25,
    timeout: 15_000,
  });

it('two tabs: user switch and logout clear both caches; a rejected token costs one refresh for both', async () => {
  const [a, b] = [await openTab(), await openTab()];
  await Promise.all([shown(a, 'signed out'), shown(b, 'signed out')]);

  // alice logs in in tab A; tab B follows and loads her data.
  await call(a, (api) => api.login('alice', 'alice-password-1'));
  await Promise.all([shown(a, 'alice'), shown(b, 'alice')]);
  expect(await view(b)).toMatchObject({ status: 'authenticated', userId: 1, cached: 'alice', clears: 0 });

  // carol logs in in tab B: both caches drop alice's data, and each tab loads carol's.
  await call(b, (api) => api.login('carol', 'carol-password-3'));
  await Promise.all([shown(a, 'carol'), shown(b, 'carol')]);
  for (const tab of [a, b]) expect(await view(tab)).toMatchObject({ userId: 3, cached: 'carol', clears: 1 });

  // The server's clock passes the access token's expiry: every query in both tabs refetches, each
  // gets a 401 and is retried once after a single refresh shared across the tabs. None fails.
  const before = server.mock.control.count('refresh');
  server.mock.control.advanceClock(301_000);
  const failed = await Promise.all([a, b].map((tab) => call(tab, (api) => api.refetch())));
  expect(failed).toEqual([0, 0]);
  expect(server.mock.control.count('refresh') - before).toBe(1);
  expect(server.mock.control.requests.filter((r) => r.endpoint === 'refresh' && r.status !== 200)).toEqual([]);

  // Logout in tab A: both caches are empty and both tabs show the signed-out page.
  await call(a, (api) => api.logout());
  await Promise.all([shown(a, 'signed out'), shown(b, 'signed out')]);
  for (const tab of [a, b])
    expect(await view(tab)).toMatchObject({ status: 'unauthenticated', cached: null, clears: 2 });
  // Blacklisted: alice's session when carol's login replaced it, then carol's at logout.
  expect(server.mock.control.requests.filter((r) => r.endpoint === 'blacklist').map((r) => r.status)).toEqual([
    200, 200,
  ]);
});
