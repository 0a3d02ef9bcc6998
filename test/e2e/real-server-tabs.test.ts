/**
 * The cross-tab scenario against the real server (issue 9, "Proof against the real server"): four
 * Chromium tabs of one origin share a session on Django + SimpleJWT with rotation and blacklist and
 * 3 s access tokens, and call the API continuously for several token lifetimes while one tab is
 * reloaded and another frozen: no call fails, no tab is logged out, and the server never sees a
 * blacklisted refresh token. The harness page and the API share the counting proxy's origin.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser, newContext, watchPage } from '../support/browser.js';
import { type CountingProxy, startCountingProxy } from '../support/counting-proxy.js';
import { type RunningDjango, startDjango } from '../support/django.js';
import { PAGE_HTML, pageBundle } from '../support/e2e-server.js';
import { ALICE, Tab, waitForHarness } from './harness.js';
import type { EventView } from './page/api.js';

const ACCESS_MS = 3_000;
/** How long the tabs use the session. */
const RUN_MS = 6 * ACCESS_MS;
/** How long one tab stays frozen: longer than an access token lives. */
const FROZEN_MS = 1.5 * ACCESS_MS;
const GAP_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let django: RunningDjango | undefined;
let proxy: CountingProxy;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  django = await startDjango({
    SJWT_ROTATE_REFRESH_TOKENS: 'true',
    SJWT_BLACKLIST_AFTER_ROTATION: 'true',
    SJWT_ACCESS_TOKEN_LIFETIME: String(ACCESS_MS / 1000),
  });
  proxy = await startCountingProxy(django.url, {
    pages: {
      '/': { type: 'text/html; charset=utf-8', body: () => PAGE_HTML },
      '/app.js': { type: 'text/javascript; charset=utf-8', body: pageBundle },
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await closeBrowser(browser);
  await proxy?.close();
  await django?.stop();
});

/** One tab and what its calls gave; `events` keeps those of page loads before a reload. */
interface Driver {
  tab: Tab;
  calls: number;
  failed: string[];
  events: EventView[];
  paused: boolean;
  current: Promise<unknown>;
}

/** Calls `GET api/me/` in `driver`'s tab, one call at a time, until `done()`; idles while paused. */
async function drive(driver: Driver, done: () => boolean): Promise<void> {
  while (!done()) {
    if (driver.paused) {
      await sleep(25);
      continue;
    }
    const call = driver.tab.fetchMe(1);
    driver.current = call;
    const [status] = await call;
    driver.calls += 1;
    if (status !== 200) driver.failed.push(String(status));
    await sleep(GAP_MS);
  }
}

/** Stops `driver`'s calls and waits for the one in flight. */
async function pause(driver: Driver): Promise<void> {
  driver.paused = true;
  await driver.current;
}

/** Opens a tab of the proxy's origin running the harness with its default options (localStorage). */
async function openTab(browserContext: BrowserContext): Promise<Driver> {
  const page = await browserContext.newPage();
  const tab = new Tab(page, watchPage(page));
  await page.goto(proxy.url);
  await waitForHarness(page);
  return { tab, calls: 0, failed: [], events: [], paused: false, current: Promise.resolve() };
}

describe('four tabs on the real server (rotation + blacklist, 3 s access tokens)', () => {
  it('continuous calls for 6 lifetimes, one tab reloaded and one frozen mid-run: 0 failed calls, 0 tabs logged out, no blacklisted token presented', async () => {
    if (!browser) throw new Error('The browser is not launched');
    context = await newContext(browser);
    const drivers: Driver[] = [];
    for (let i = 0; i < 4; i++) drivers.push(await openTab(context));
    const [first, , reloaded, frozen] = drivers as [Driver, Driver, Driver, Driver];
    expect(await first.tab.login(ALICE)).toMatchObject({ ok: true });
    for (const { tab } of drivers) await tab.waitForStatus('authenticated', ALICE.id);
    proxy.reset();

    const started = Date.now();
    const done = (): boolean => Date.now() - started >= RUN_MS;
    const running = Promise.all(drivers.map((driver) => drive(driver, done)));

    await sleep(RUN_MS / 4);
    await pause(reloaded);
    reloaded.events.push(...(await reloaded.tab.events()));
    const reloadAt = Date.now() - started;
    await reloaded.tab.reload();
    reloaded.paused = false;

    await sleep(RUN_MS / 4);
    await pause(frozen);
    const cdp = await frozen.tab.cdp();
    const freezeAt = Date.now() - started;
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    await sleep(FROZEN_MS);
    const thawAt = Date.now() - started;
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    frozen.paused = false;
    await running;
    await proxy.quiet();

    const lifetimes = (Date.now() - started) / ACCESS_MS;
    const refreshes = proxy.count('refresh');
    const summary = `${refreshes} refreshes in ${lifetimes.toFixed(1)} lifetimes; calls per tab ${drivers.map((d) => d.calls).join('/')}; reload at ${reloadAt} ms, frozen ${freezeAt}-${thawAt} ms; API 401s: ${JSON.stringify(
      proxy.entries
        .filter((entry) => entry.endpoint === 'api' && entry.status === 401)
        .map((e) => `${e.at} ${e.detail}`),
    )}`;
    console.log(`real-server tabs: ${summary}`);
    const failed = drivers.map((driver) => driver.failed);
    expect(failed, `${summary}\n${proxy.log()}`).toEqual([[], [], [], []]);
    for (const driver of drivers) {
      driver.events.push(...(await driver.tab.events()));
      const ends = driver.events.filter((event) => event.type === 'logout' || event.type === 'session-expired');
      expect(ends, summary).toEqual([]);
      expect(await driver.tab.state()).toMatchObject({ status: 'authenticated', userId: ALICE.id });
      expect(driver.tab.diagnostics.uncaught).toEqual([]);
    }
    const blacklisted = proxy.entries.filter((entry) => entry.detail === 'Token is blacklisted');
    expect(blacklisted, proxy.log()).toEqual([]);
    expect(proxy.count('refresh') - proxy.count('refresh', 200), proxy.log()).toBe(0);
  });
});
