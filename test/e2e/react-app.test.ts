/**
 * The React example app (`examples/react-app`) in real Chromium, against the SimpleJWT mock on the
 * same origin: the login form's errors, the protected page, a reload and a second tab that keep
 * the session without token requests, a logout that reaches every tab and blacklists the refresh
 * token, and an expired access token refreshed once by the next API call.
 */
import type { EndpointName } from '@simplejwt-client/mock-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReactApp, type ReactApp } from '../../examples/react-app/src/server.js';
import { closeBrowser, launchBrowser, newContext, watchPage, type PageDiagnostics } from '../support/browser.js';

const ALICE = { username: 'alice', password: 'alice-password-1', id: 1, email: 'alice@example.com' } as const;
const STORAGE_KEY = 'simplejwt-client';
const TOKEN_ENDPOINTS: readonly EndpointName[] = [
  'obtain',
  'custom',
  'refresh',
  'verify',
  'blacklist',
  'slidingObtain',
  'slidingRefresh',
];
const ACCESS_TOKEN_LIFETIME_S = 300;

let app: ReactApp;
let browser: Browser;
let context: BrowserContext;
let diagnostics: PageDiagnostics[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startReactApp({
      mock: {
        settings: {
          ACCESS_TOKEN_LIFETIME: ACCESS_TOKEN_LIFETIME_S,
          ROTATE_REFRESH_TOKENS: true,
          BLACKLIST_AFTER_ROTATION: true,
        },
      },
    }),
    launchBrowser(),
  ]);
});

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
  // No page threw: a crash would otherwise hide behind "the element never appeared".
  expect(diagnostics.flatMap((d) => d.uncaught)).toEqual([]);
});

/** Opens the app in a new tab of the test's context (shared localStorage, like a user's tabs). */
async function openTab(): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  diagnostics.push(watchPage(page));
  await page.goto(app.url);
  return page;
}

/** What the mock answered at `endpoint`, in order. */
const statuses = (endpoint: EndpointName): number[] =>
  app.mock.control.requests.filter((entry) => entry.endpoint === endpoint).map((entry) => entry.status);
const tokenRequests = (): number =>
  TOKEN_ENDPOINTS.reduce((sum, endpoint) => sum + app.mock.control.count(endpoint), 0);

const loginHeading = (page: Page) => page.getByRole('heading', { name: 'Sign in' });
const welcomeHeading = (page: Page) => page.getByRole('heading', { name: /^Welcome/ });
const storedSession = (page: Page) => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);

async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await loginHeading(page).waitFor();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The account details the protected page loaded from `api/me/`, once they are shown. */
async function accountDetails(page: Page): Promise<Record<string, string>> {
  const list = page.locator('dl[aria-label="Account details"]');
  await list.waitFor();
  return list.evaluate((dl) => {
    const terms = [...dl.querySelectorAll('dt')].map((dt) => dt.textContent ?? '');
    const values = [...dl.querySelectorAll('dd')].map((dd) => dd.textContent ?? '');
    return Object.fromEntries(terms.map((term, i) => [term, values[i] ?? '']));
  });
}

/** Signs alice in and waits for the protected page with her account. */
async function signInAlice(page: Page): Promise<void> {
  await submitLogin(page, ALICE.username, ALICE.password);
  await page.getByRole('heading', { name: 'Welcome, alice' }).waitFor();
  expect(await accountDetails(page)).toEqual({ ID: String(ALICE.id), Username: ALICE.username, Email: ALICE.email });
}

describe('react-app example in Chromium', () => {
  it('a wrong password shows the error and stays on the login form', async () => {
    const page = await openTab();
    await submitLogin(page, ALICE.username, 'not-her-password');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Wrong username or password. Please try again.');
    expect(await loginHeading(page).isVisible()).toBe(true);
    expect(await welcomeHeading(page).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await page.getByLabel('Username').inputValue()).toBe(ALICE.username);
    expect(statuses('custom')).toEqual([401]);
    expect(await storedSession(page)).toBeNull();

    // The right password then works from the same form, and the error goes away.
    await submitLogin(page, ALICE.username, ALICE.password);
    await welcomeHeading(page).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it("a blank password shows DRF's field error next to the field", async () => {
    const page = await openTab();
    await submitLogin(page, ALICE.username, '');

    const fieldError = page.locator('#login-password-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toBe('This field may not be blank.');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Username').getAttribute('aria-invalid')).toBeNull();
    expect(await loginHeading(page).isVisible()).toBe(true);
    expect(statuses('custom')).toEqual([400]);
  });

  it('signing in shows the protected page: the username from the claims and the data from the API', async () => {
    const page = await openTab();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await signInAlice(page);

    expect(await page.getByRole('navigation', { name: 'Account' }).textContent()).toContain('Signed in as alice');
    expect(await loginHeading(page).count()).toBe(0);
    expect(statuses('custom')).toEqual([200]);
    expect(statuses('me')).toEqual([200]);
    expect(statuses('refresh')).toEqual([]);
    expect(JSON.parse((await storedSession(page)) ?? 'null')).toMatchObject({
      access: expect.any(String),
      refresh: expect.any(String),
    });
  });

  it('a reload keeps the session without any token request and never shows the login form', async () => {
    const page = await openTab();
    await signInAlice(page);
    await page.addInitScript(() => {
      const seen = { loginForm: false };
      Object.assign(window, { __seen: seen });
      new MutationObserver(() => {
        if (document.getElementById('login-title')) seen.loginForm = true;
      }).observe(document, { childList: true, subtree: true });
    });
    app.mock.control.clearRequests();

    await page.reload();
    expect(await accountDetails(page)).toEqual({ ID: String(ALICE.id), Username: ALICE.username, Email: ALICE.email });
    expect(await page.getByRole('heading', { name: 'Welcome, alice' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __seen: { loginForm: boolean } }).__seen.loginForm)).toBe(
      false,
    );
    expect(tokenRequests()).toBe(0);
    expect(statuses('me')).toEqual([200]);
  });

  it('a second tab opens already signed in', async () => {
    const first = await openTab();
    await signInAlice(first);
    app.mock.control.clearRequests();

    const second = await openTab();
    await second.getByRole('heading', { name: 'Welcome, alice' }).waitFor();
    expect(await accountDetails(second)).toEqual({
      ID: String(ALICE.id),
      Username: ALICE.username,
      Email: ALICE.email,
    });
    expect(tokenRequests()).toBe(0);
    expect(statuses('me')).toEqual([200]);
  });

  it('signing out in one tab returns both tabs to the login form and blacklists the refresh token', async () => {
    const first = await openTab();
    await signInAlice(first);
    const second = await openTab();
    await second.getByRole('heading', { name: 'Welcome, alice' }).waitFor();
    const { refresh } = JSON.parse((await storedSession(first)) ?? '{}') as { refresh?: string };
    expect(refresh).toEqual(expect.any(String));

    await second.getByRole('button', { name: 'Sign out' }).click();
    await Promise.all([loginHeading(second).waitFor(), loginHeading(first).waitFor()]);
    for (const page of [first, second]) {
      expect(await welcomeHeading(page).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      expect(await page.getByRole('alert').count()).toBe(0);
    }
    expect(await storedSession(first)).toBeNull();
    // Every tab shows the login form first; the revocation completes just after.
    await expect.poll(() => statuses('blacklist')).toEqual([200]);
    expect(statuses('refresh')).toEqual([]);

    // The old refresh token is dead on the server, not just forgotten by the browser.
    const reuse = await fetch(new URL('api/token/refresh/', app.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh }),
    });
    expect(reuse.status).toBe(401);
    expect(await reuse.json()).toMatchObject({ detail: 'Token is blacklisted', code: 'token_not_valid' });
  });

  it('an expired access token: the next API call refreshes exactly once and the page shows fresh data', async () => {
    const page = await openTab();
    await signInAlice(page);

    // The server's clock moves past the access token's expiry; the browser's does not, so the
    // client still sends the old token and learns from the 401.
    app.mock.control.advanceClock((ACCESS_TOKEN_LIFETIME_S + 5) * 1000);
    app.mock.control.updateUser(ALICE.username, { email: 'alice@new.example' });
    app.mock.control.clearRequests();

    await page.getByRole('button', { name: 'Reload' }).click();
    await page.locator('dl[aria-label="Account details"] dd', { hasText: 'alice@new.example' }).waitFor();
    expect(await accountDetails(page)).toEqual({
      ID: String(ALICE.id),
      Username: ALICE.username,
      Email: 'alice@new.example',
    });
    expect(app.mock.control.requests.map((entry) => `${entry.endpoint} ${entry.status}`)).toEqual([
      'me 401',
      'refresh 200',
      'me 200',
    ]);
    expect(await page.getByRole('heading', { name: 'Welcome, alice' }).isVisible()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});
