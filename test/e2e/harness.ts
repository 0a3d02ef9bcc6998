/**
 * Shared set-up of the end-to-end tests: one Chromium per test file; per test, a fresh mock server
 * and a fresh browser context whose tabs (pages of one origin) drive the in-page harness.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { closeBrowser, launchBrowser, newContext, watchPage, type PageDiagnostics } from '../support/browser.js';
import { startE2eServer, type E2eServer, type E2eServerOptions } from '../support/e2e-server.js';
import type { E2ePageApi, EventView, Outcome, PageOptions, StateView, StorageView } from './page/api.js';

export const ALICE = { username: 'alice', password: 'alice-password-1', id: 1 } as const;
export const CAROL = { username: 'carol', password: 'carol-password-3', id: 3 } as const;
/** The client's default storage key. */
export const STORAGE_KEY = 'simplejwt-client';

/** SimpleJWT settings of a rotating, blacklisting deployment with short-lived access tokens. */
export const ROTATING = { ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true } as const;

type Api = E2ePageApi;

/** One tab: a page of the test origin running the harness. */
export class Tab {
  constructor(
    readonly page: Page,
    readonly diagnostics: PageDiagnostics,
  ) {}

  private call<R, A>(fn: (api: Api, arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // Playwright serialises the function: it must not close over anything but `arg`.
    return this.page.evaluate(
      ([source, value]) => {
        const api = window.__simplejwtE2e;
        if (!api) throw new Error('The harness is not loaded');
        const run = new Function(`return (${source})`)() as (api: Api, arg: unknown) => unknown;
        return run(api, value);
      },
      [fn.toString(), arg] as const,
    ) as Promise<R>;
  }

  login(user: { username: string; password: string } = ALICE): Promise<Outcome> {
    return this.call((api, u) => api.login(u.username, u.password), user);
  }
  logout(): Promise<Outcome> {
    return this.call((api) => api.logout(), null);
  }
  refresh(): Promise<Outcome> {
    return this.call((api) => api.refresh(), null);
  }
  /** `auth.getAccessToken()`: refreshes only when the token is due. */
  async token(): Promise<string | null> {
    const outcome = await this.call((api) => api.token(), null);
    if (!outcome.ok) throw new Error(`getAccessToken failed: ${outcome.code}: ${outcome.message}`);
    return outcome.value;
  }
  state(): Promise<StateView> {
    return this.call((api) => api.state(), null);
  }
  fetchMe(n = 1): Promise<Array<number | string>> {
    return this.call((api, count) => api.fetchMe(count), n);
  }
  me(): Promise<{ status: number; body: unknown }> {
    return this.call((api) => api.me(), null);
  }
  events(): Promise<EventView[]> {
    return this.call((api) => api.events(), null);
  }
  locks(): Promise<{ held: string[]; pending: string[] }> {
    return this.call((api) => api.locks(), null);
  }
  holdLock(name: string): Promise<void> {
    return this.call((api, lock) => api.holdLock(lock), name);
  }
  lostLocks(): Promise<string[]> {
    return this.call((api) => api.lostLocks(), null);
  }
  storage(): Promise<StorageView> {
    return this.call((api) => api.storage(), null);
  }
  bodies(): Promise<string[]> {
    return this.call((api) => api.bodies(), null);
  }
  setSkew(ms: number): Promise<void> {
    return this.call((api, value) => api.setSkew(value), ms);
  }
  harnessErrors(): Promise<string[]> {
    return this.call((api) => api.harnessErrors, null);
  }

  /** Starts `work` in the page without waiting for it (e.g. a refresh that will hang). */
  start(work: 'refresh' | 'logout'): Promise<void> {
    return this.page.evaluate((name) => {
      const api = window.__simplejwtE2e;
      if (!api) throw new Error('The harness is not loaded');
      void api[name]();
    }, work);
  }

  /** Waits until the client's status (and, if given, user id) match. */
  async waitForStatus(status: StateView['status'], userId?: number | null): Promise<void> {
    await this.page.waitForFunction(
      ([expected, id]) => {
        const state = window.__simplejwtE2e?.state();
        return state?.status === expected && (id === undefined || state.userId === id);
      },
      [status, userId] as const,
      { polling: 25, timeout: 15_000 },
    );
  }

  /** Reloads the page and waits for the new harness to be ready. */
  async reload(): Promise<void> {
    await this.page.reload();
    await waitForHarness(this.page);
  }

  /** A Chrome DevTools Protocol session on this page. */
  cdp(): Promise<CDPSession> {
    return this.page.context().newCDPSession(this.page);
  }
}

/** Waits until the harness of `page` has read its stored session. */
export async function waitForHarness(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__simplejwtE2e?.ready === true, undefined, { polling: 25, timeout: 15_000 });
}

const query = (options: PageOptions): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** A test's world: its mock server and its browser context. */
export interface E2eWorld {
  server: E2eServer;
  context: BrowserContext;
  tabs: Tab[];
  /** Opens a new tab (page) of the server's origin with harness options, and waits for it to be ready. */
  open(options?: PageOptions): Promise<Tab>;
}

/**
 * Registers the hooks of a test file: one browser for the file, and per test a server and context
 * torn down after it. After each test it also checks that no page threw an uncaught error and the
 * server served without errors.
 */
export function useE2e(): { start(options?: E2eServerOptions): Promise<E2eWorld> } {
  let browser: Browser | undefined;
  const worlds: E2eWorld[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await closeBrowser(browser);
  });
  afterEach(async () => {
    const ending = worlds.splice(0);
    const uncaught = ending.flatMap((world) => world.tabs.flatMap((tab) => tab.diagnostics.uncaught));
    const serverErrors = ending.flatMap((world) => world.server.errors.map(String));
    for (const world of ending) {
      await world.context.close().catch(() => undefined);
      await world.server.close().catch(() => undefined);
    }
    expect(uncaught, 'uncaught errors in the pages').toEqual([]);
    expect(serverErrors, 'errors while serving').toEqual([]);
  });

  return {
    async start(options = {} as E2eServerOptions) {
      if (!browser) throw new Error('The browser is not launched');
      const server = await startE2eServer(options);
      const context = await newContext(browser);
      const tabs: Tab[] = [];
      const world: E2eWorld = {
        server,
        context,
        tabs,
        async open(pageOptions = {}) {
          const page = await context.newPage();
          const tab = new Tab(page, watchPage(page));
          tabs.push(tab);
          await page.goto(`${server.url}${query(pageOptions)}`);
          await waitForHarness(page);
          return tab;
        },
      };
      worlds.push(world);
      return world;
    },
  };
}

/** Refresh-endpoint answers other than 200 in the mock's log (a rejected, e.g. blacklisted, refresh token shows as 401). */
export function failedRefreshes(server: E2eServer): Array<{ status: number }> {
  return server.mock.control.requests.filter((entry) => entry.endpoint === 'refresh' && entry.status !== 200);
}

/** The mock's log as one line per request, for assertion messages. */
export function requestLog(server: E2eServer): string {
  return server.mock.control.requests
    .map((entry) => `${entry.at} ${entry.method} ${entry.path} ${entry.status}`)
    .join('\n');
}

/** Requests the mock logged for `endpoint`. */
export function countOf(server: E2eServer, endpoint: string | null): number {
  return server.mock.control.requests.filter((entry) => entry.endpoint === endpoint).length;
}

/** Resolves when `predicate` holds, polling briefly; rejects after `timeout` ms. */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  timeout = 15_000,
  message = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
