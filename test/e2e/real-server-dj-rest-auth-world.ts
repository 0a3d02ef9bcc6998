/**
 * Set-up of the dj-rest-auth cookie-mode tests in Chromium (issue 10): the real server of
 * `examples/django-simplejwt` with `SJWT_PRESET=dj-rest-auth` and `DJRA_HTTPONLY=true`, behind the
 * counting proxy, which also serves the dj-rest-auth page (`page/dj-rest-auth-app.ts`) on its
 * origin, so page and API are one origin (same-site cookies) as in the deployments dj-rest-auth's
 * docs describe; one browser per test file, and tabs driving the page's test API.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { closeBrowser, launchBrowser, newContext, type PageDiagnostics, watchPage } from '../support/browser.js';
import { type CountingProxy, PRESET_ENDPOINTS, startCountingProxy } from '../support/counting-proxy.js';
import { type DjangoEnv, type RunningDjango, type SimpleJwtVersion, startDjango } from '../support/django.js';
import { PAGE_HTML } from '../support/e2e-server.js';
import type { DjraEventView, DjraOutcome, DjraPageApi, DjraStateView, ScriptView } from './page/dj-rest-auth-api.js';
import { bundlePage } from '../support/page-bundle.js';

/** Access-token lifetime of the servers: long enough for a page reload inside one token's life. */
export const ACCESS_S = 3;

/** A demo user of `examples/django-simplejwt` (seed_users), with her user id. */
export const ALICE = { username: 'alice', password: 'alice-password-1', id: 1 } as const;
/** The demo user the error table deactivates (and reactivates). */
export const DAVE = { username: 'dave', password: 'dave-password-5', id: 5 } as const;

/** The client's default storage key. */
export const STORAGE_KEY = 'simplejwt-client';

const PAGE_ENTRY = fileURLToPath(new URL('./page/dj-rest-auth-app.ts', import.meta.url));
/** The page's bundle, built once per process from the packages' source. */
export function djRestAuthBundle(): Promise<string> {
  return bundlePage(PAGE_ENTRY);
}

/** One tab: a page of the proxy's origin running the dj-rest-auth page. */
export class DjraTab {
  constructor(
    readonly page: Page,
    readonly diagnostics: PageDiagnostics,
  ) {}

  private api<R, A = null>(fn: (api: DjraPageApi, arg: A) => R | Promise<R>, arg: A = null as A): Promise<R> {
    // Playwright serialises the function: it must not close over anything but `arg`.
    return this.page.evaluate(
      ([source, value]) => {
        const api = window.__djRestAuthE2e;
        if (!api) throw new Error('The dj-rest-auth page is not loaded');
        const run = new Function(`return (${source})`)() as (api: DjraPageApi, arg: unknown) => unknown;
        return run(api, value);
      },
      [fn.toString(), arg] as const,
    ) as Promise<R>;
  }

  /** Logs in with the user's `username` and `password` (left out when absent). */
  login(user: { username: string; password?: string }): Promise<DjraOutcome<Record<string, unknown>>> {
    const credentials: Record<string, string> = { username: user.username };
    if (user.password !== undefined) credentials.password = user.password;
    return this.api((api, c) => api.login(c), credentials);
  }
  /** `auth.logout()`. */
  logout(): Promise<DjraOutcome> {
    return this.api((api) => api.logout());
  }
  /** `auth.refresh()`. */
  refresh(): Promise<DjraOutcome> {
    return this.api((api) => api.refresh());
  }
  /** One `auth.fetch('api/me/')`: its status and the user id it answered. */
  me(): Promise<DjraOutcome<{ status: number; id: unknown }>> {
    return this.api((api) => api.me());
  }
  /** The client's state, without tokens. */
  state(): Promise<DjraStateView> {
    return this.api((api) => api.state());
  }
  /** The events of this page load. */
  events(): Promise<DjraEventView[]> {
    return this.api((api) => api.events());
  }
  /** What the page's scripts can read: localStorage, sessionStorage, `document.cookie`. */
  visible(): Promise<ScriptView> {
    return this.api((api) => api.visible());
  }
  /** Every response body the page's `fetch` received. */
  bodies(): Promise<string[]> {
    return this.api((api) => api.bodies());
  }

  /** Waits until the client's status (and, if given, user id) match. */
  async waitForStatus(status: DjraStateView['status'], userId?: number | null): Promise<void> {
    await this.page.waitForFunction(
      ([expected, id]) => {
        const state = window.__djRestAuthE2e?.state();
        return state?.status === expected && (id === undefined || state.userId === id);
      },
      [status, userId] as const,
      { polling: 25, timeout: 15_000 },
    );
  }

  /** Reloads the page and waits for its client to have read the stored session. */
  async reload(): Promise<void> {
    await this.page.reload();
    await waitForPage(this.page);
  }
}

async function waitForPage(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__djRestAuthE2e?.ready === true, undefined, {
    polling: 25,
    timeout: 15_000,
  });
}

/** A dj-rest-auth server in cookie mode with the proxy (and page) in front of it. */
export interface DjraServer {
  readonly django: RunningDjango;
  readonly proxy: CountingProxy;
}

/** A test's world: the server, a fresh browser context and the tabs opened in it. */
export interface DjraWorld extends DjraServer {
  readonly context: BrowserContext;
  readonly tabs: DjraTab[];
  /** Opens a tab of the page (`csrf`: the client sends `X-CSRFToken`) and waits until its client is ready. */
  open(options?: { csrf?: boolean }): Promise<DjraTab>;
  /** The cookies of the context by name (what the browser holds, httpOnly ones included). */
  cookies(): Promise<Map<string, { value: string; httpOnly: boolean; expires: number }>>;
}

/**
 * Registers the hooks of a test file: one Chromium for the file; per `configure()`d server, a
 * dj-rest-auth server in cookie mode (rotation, blacklist, `ACCESS_S` access tokens, plus `env`) on
 * SimpleJWT `version`, started before the tests of the enclosing `describe`; per test, a fresh
 * context. After each test no page may have thrown.
 */
export function useDjRestAuthChromium() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pages: DjraTab[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    await djRestAuthBundle();
  });
  afterAll(() => closeBrowser(browser));
  afterEach(async () => {
    const uncaught = pages.splice(0).flatMap((tab) => tab.diagnostics.uncaught);
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    if (uncaught.length > 0) throw new Error(`uncaught errors in the pages:\n${uncaught.join('\n')}`);
  });

  return {
    /** A server for the tests of the enclosing `describe`, and how to open a world on it. */
    configure(env: DjangoEnv, version: SimpleJwtVersion) {
      let server: DjraServer | undefined;
      beforeAll(async () => {
        const django = await startDjango(
          {
            SJWT_PRESET: 'dj-rest-auth',
            DJRA_HTTPONLY: 'true',
            SJWT_ROTATE_REFRESH_TOKENS: 'true',
            SJWT_BLACKLIST_AFTER_ROTATION: 'true',
            SJWT_ACCESS_TOKEN_LIFETIME: String(ACCESS_S),
            SJWT_FAST_PASSWORD_HASHER: 'true',
            ...env,
          },
          version,
        );
        const proxy = await startCountingProxy(django.url, {
          endpoints: PRESET_ENDPOINTS['dj-rest-auth'],
          // Django 4.2's CSRF check compares Origin with the host it sees: the proxy's, as behind nginx.
          preserveHost: true,
          pages: {
            '/': { type: 'text/html; charset=utf-8', body: () => PAGE_HTML },
            '/app.js': { type: 'text/javascript; charset=utf-8', body: djRestAuthBundle },
          },
        });
        server = { django, proxy };
      });
      afterEach(async () => {
        await server?.proxy.quiet();
        server?.proxy.reset();
      });
      afterAll(async () => {
        await server?.proxy.close();
        await server?.django.stop();
      });

      return {
        async start(): Promise<DjraWorld> {
          if (!browser || !server) throw new Error('The browser or the server is not started');
          const { django, proxy } = server;
          const context = await newContext(browser);
          contexts.push(context);
          const tabs: DjraTab[] = [];
          return {
            django,
            proxy,
            context,
            tabs,
            async open({ csrf = false } = {}) {
              const page = await context.newPage();
              const tab = new DjraTab(page, watchPage(page));
              tabs.push(tab);
              pages.push(tab);
              await page.goto(`${proxy.url}${csrf ? '?csrf=1' : ''}`);
              await waitForPage(page);
              return tab;
            },
            async cookies() {
              const jar = await context.cookies();
              return new Map(jar.map((c) => [c.name, { value: c.value, httpOnly: c.httpOnly, expires: c.expires }]));
            },
          };
        },
      };
    },
  };
}
