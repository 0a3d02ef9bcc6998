/**
 * Debian's Chromium driven by playwright-core: one browser per test file, a fresh context (fresh
 * storage, cookies, locks and channels) per test. No browser is ever downloaded.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The system Chromium; `CHROMIUM_PATH` overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Root in a container needs `--no-sandbox`; the background-networking flags stop Chromium's own
 * outgoing connections, which a closed network refuses.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Background tabs keep full-speed timers, like a user's visible windows side by side.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Launches headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}

/** Closes the browser, if it was launched. */
export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  await browser?.close();
}

/** A fresh, isolated context: its own storage, cookies, Web Locks and BroadcastChannels. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ serviceWorkers: 'block' });
}

/** A page's uncaught errors (for tests to assert there are none) and its console output (for diagnostics). */
export interface PageDiagnostics {
  readonly uncaught: string[];
  readonly console: string[];
}

/** Starts collecting `page`'s uncaught exceptions and console messages. */
export function watchPage(page: Page): PageDiagnostics {
  const diagnostics: PageDiagnostics = { uncaught: [], console: [] };
  page.on('pageerror', (error) => diagnostics.uncaught.push(error.stack ?? error.message));
  page.on('console', (message) => diagnostics.console.push(`${message.type()}: ${message.text()}`));
  return diagnostics;
}
