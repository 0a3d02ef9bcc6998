/**
 * The Next.js App Router example (`examples/nextjs`), built once with `next build` (against the
 * packages' built `dist/`, as users get them: run `pnpm build` first when running this file alone)
 * and served by its custom server with the SimpleJWT mock on the same origin, in real Chromium:
 * the server HTML shows the loading state, hydration raises no warning, login, a reload keeps the
 * session with 0 token requests, an expired access token is refreshed once, and logout reaches
 * every tab.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { EndpointName } from '@simplejwt-client/mock-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NextApp } from '../../examples/nextjs/src/server.js';
import { closeBrowser, launchBrowser, newContext, watchPage, type PageDiagnostics } from '../support/browser.js';
import { chunksOfPage, measureSdkInChunks } from './nextjs-bundle.js';

const APP_DIR = fileURLToPath(new URL('../../examples/nextjs/', import.meta.url));
const ALICE = { username: 'alice', password: 'alice-password-1', id: 1, email: 'alice@example.com' } as const;
const ACCESS_TOKEN_LIFETIME_S = 300;
const TOKEN_ENDPOINTS: readonly EndpointName[] = ['obtain', 'refresh', 'verify', 'blacklist'];

let app: NextApp;
let browser: Browser;
let context: BrowserContext;
let diagnostics: PageDiagnostics[] = [];

beforeAll(async () => {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const };
  const [, launched] = await Promise.all([
    promisify(execFile)(fileURLToPath(new URL('node_modules/.bin/next', `file://${APP_DIR}`)), ['build'], {
      cwd: APP_DIR,
      env,
    }),
    launchBrowser(),
  ]);
  browser = launched;
  const { startNextApp } = await import('../../examples/nextjs/src/server.js');
  app = await startNextApp({
    mock: {
      settings: {
        ACCESS_TOKEN_LIFETIME: ACCESS_TOKEN_LIFETIME_S,
        ROTATE_REFRESH_TOKENS: true,
        BLACKLIST_AFTER_ROTATION: true,
      },
    },
  });
}, 300_000);

afterAll(async () => {
  await closeBrowser(browser);
  await app?.close();
});

beforeEach(async () => {
  app.mock.control.reset();
  diagnostics = [];
  context = await newContext(browser);
});

afterEach(async () => {
  await context.close();
  // No page threw, and React reported no hydration mismatch (production React reports it as an
  // error). Chromium's own lines for HTTP errors (the 401 before a refresh) are not the app's.
  expect(diagnostics.flatMap((d) => d.uncaught)).toEqual([]);
  const appErrors = (line: string) => line.startsWith('error:') && !line.startsWith('error: Failed to load resource:');
  expect(diagnostics.flatMap((d) => d.console.filter(appErrors))).toEqual([]);
});

async function openTab(path = ''): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  diagnostics.push(watchPage(page));
  await page.goto(new URL(path, app.url).href);
  return page;
}

const statuses = (endpoint: EndpointName): number[] =>
  app.mock.control.requests.filter((entry) => entry.endpoint === endpoint).map((entry) => entry.status);
const tokenRequests = (): number => TOKEN_ENDPOINTS.reduce((sum, e) => sum + app.mock.control.count(e), 0);
const loginHeading = (page: Page) => page.getByRole('heading', { name: 'Sign in' });
const welcome = (page: Page) => page.getByRole('heading', { name: `Welcome, user ${ALICE.id}` });
const details = (page: Page) => page.locator('dl[aria-label="Account details"]');

async function signInAlice(page: Page): Promise<void> {
  await loginHeading(page).waitFor();
  await page.getByLabel('Username').fill(ALICE.username);
  await page.getByLabel('Password').fill(ALICE.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await welcome(page).waitFor();
  await details(page).waitFor();
  expect(await details(page).textContent()).toBe(`Username${ALICE.username}Email${ALICE.email}`);
}

describe('Next.js App Router example in Chromium', () => {
  it('the server renders the loading state: the session lives in the browser', async () => {
    const html = await (await fetch(app.url)).text();
    expect(html).toContain('<p>Restoring your session…</p>');
    expect(html).not.toContain('Welcome');
    expect(html).not.toContain('Sign in');
    expect(app.mock.control.count()).toBe(0);
  });

  it('logged out, the protected page sends the browser to the login page', async () => {
    const page = await openTab();
    await loginHeading(page).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(app.mock.control.count()).toBe(0);
  });

  it('login, then a reload keeps the session with 0 token requests and one API call', async () => {
    const page = await openTab('login');
    await signInAlice(page);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(statuses('obtain')).toEqual([200]);
    expect(statuses('me')).toEqual([200]);

    app.mock.control.clearRequests();
    await page.reload();
    await details(page).waitFor();
    expect(tokenRequests()).toBe(0);
    expect(statuses('me')).toEqual([200]);
  });

  it('an expired access token is refreshed exactly once by the next API call', async () => {
    const page = await openTab('login');
    await signInAlice(page);
    app.mock.control.advanceClock((ACCESS_TOKEN_LIFETIME_S + 5) * 1000);
    app.mock.control.updateUser(ALICE.username, { email: 'alice@new.example' });
    app.mock.control.clearRequests();

    await page.getByRole('button', { name: 'Reload' }).click();
    await page.locator('dd', { hasText: 'alice@new.example' }).waitFor();
    expect(app.mock.control.requests.map((r) => `${r.endpoint} ${r.status}`)).toEqual([
      'me 401',
      'refresh 200',
      'me 200',
    ]);
  });

  it('signing out in one tab returns every tab to the login page and blacklists the refresh token', async () => {
    const first = await openTab('login');
    await signInAlice(first);
    const second = await openTab();
    await details(second).waitFor();
    app.mock.control.clearRequests();

    await second.getByRole('button', { name: 'Sign out' }).click();
    await Promise.all([loginHeading(first).waitFor(), loginHeading(second).waitFor()]);
    for (const page of [first, second]) expect(new URL(page.url()).pathname).toBe('/login');
    // Every tab shows the login form first; the revocation completes just after.
    await expect.poll(() => statuses('blacklist')).toEqual([200]);
    expect(tokenRequests()).toBe(1);
    expect(await first.evaluate(() => localStorage.length)).toBe(0);
  });

  it("the SDK's share of the protected page's client JavaScript stays within budget", async () => {
    const chunks = chunksOfPage(await (await fetch(app.url)).text());
    const figure = measureSdkInChunks(APP_DIR, chunks);
    console.log(
      `[nextjs] the SDK in the JavaScript of /: ${figure.minified} B minified, ${figure.gzip} B gzip (${figure.modules} modules in ${figure.chunks.join(', ')}; the page loads ${chunks.length} chunks)`,
    );
    // The core with its dependencies, the provider, and the hooks used by the page (at least 4 modules).
    expect(figure.modules).toBeGreaterThanOrEqual(4);
    expect(figure.gzip).toBeGreaterThan(0);
    expect(figure.gzip).toBeLessThanOrEqual(12_000);
  });
});
