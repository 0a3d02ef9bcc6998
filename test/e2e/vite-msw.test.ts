/**
 * The React example (`examples/react-app`) as a static Vite build in `worker` mode, with the
 * SimpleJWT mock running in the browser through msw's service worker (docs/vite-msw.md): the server
 * below only serves files and answers nothing under `/api/`, so every API answer must come from the
 * service worker. Built once (in memory) for the file.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../../examples/react-app/src/server.js';
import { closeBrowser, launchBrowser, watchPage, type PageDiagnostics } from '../support/browser.js';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

let server: Server;
let url: string;
let browser: Browser;
let context: BrowserContext;
let diagnostics: PageDiagnostics;
/** Requests the static server got under `/api/`: none may reach it. */
let apiRequestsAtServer: string[] = [];
/** `METHOD path status` of every API response the page received, and whether the service worker made it. */
let apiResponses: Array<{ line: string; fromServiceWorker: boolean }> = [];

beforeAll(async () => {
  const [files, launched] = await Promise.all([buildApp('worker'), launchBrowser()]);
  browser = launched;
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/api/')) apiRequestsAtServer.push(`${req.method} ${path}`);
    const file = files.get(path === '/' ? '/index.html' : path);
    if (!file) return void res.writeHead(404).end();
    const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'text/html';
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(file);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}, 120_000);

afterAll(async () => {
  await closeBrowser(browser);
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

beforeEach(async () => {
  apiRequestsAtServer = [];
  apiResponses = [];
  // Service workers allowed (the shared helper blocks them for the other suites).
  context = await browser.newContext();
});

afterEach(async () => {
  await context.close();
  expect(diagnostics.uncaught).toEqual([]);
});

async function openApp(): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  diagnostics = watchPage(page);
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (!pathname.startsWith('/api/')) return;
    apiResponses.push({
      line: `${response.request().method()} ${pathname} ${response.status()}`,
      fromServiceWorker: response.fromServiceWorker(),
    });
  });
  await page.goto(url);
  return page;
}

it('login, a protected call and logout, all answered by the mock in the service worker', async () => {
  const page = await openApp();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${url}mockServiceWorker.js`);

  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('alice-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Welcome, alice' }).waitFor();
  const details = page.locator('dl[aria-label="Account details"]');
  await details.waitFor();
  expect(await details.textContent()).toBe('ID1UsernamealiceEmailalice@example.com');
  expect(JSON.parse((await page.evaluate(() => localStorage.getItem('simplejwt-client'))) ?? '{}')).toMatchObject({
    access: expect.any(String),
    refresh: expect.any(String),
  });

  // logout() shows the login form at once; the stored session is removed and the token revoked after.
  const revoked = page.waitForResponse((response) => response.url().endsWith('/api/token/blacklist/'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await revoked;
  await page.waitForFunction(() => localStorage.getItem('simplejwt-client') === null);

  expect(apiResponses).toEqual([
    { line: 'POST /api/token/custom/ 200', fromServiceWorker: true },
    { line: 'GET /api/me/ 200', fromServiceWorker: true },
    { line: 'POST /api/token/blacklist/ 200', fromServiceWorker: true },
  ]);
  expect(apiRequestsAtServer).toEqual([]);
});

it('a wrong password gets SimpleJWT’s 401 from the worker', async () => {
  const page = await openApp();
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toBe('Wrong username or password. Please try again.');
  expect(apiResponses).toEqual([{ line: 'POST /api/token/custom/ 401', fromServiceWorker: true }]);
  expect(apiRequestsAtServer).toEqual([]);
});
