/**
 * `createSimpleJwtMock`: wires settings, users, the Django emulation, faults, the request
 * log and the admin routes into `handle`, `fetch` and msw handlers.
 */
import type { RequestHandler } from 'msw';
import { handleAdmin } from './admin.js';
import { createControl, type MockControl, type RequestLogEntry } from './control.js';
import { DEFAULT_CORS_ORIGINS, type CorsOptions, applyCors } from './cors.js';
import { djangoHandle } from './django.js';
import { faultResponse, FaultQueue } from './faults.js';
import { API_VIEWS } from './handlers/api-views.js';
import { parseCookies } from './handlers/cookies.js';
import { TOKEN_VIEWS } from './handlers/token-views.js';
import { DEFAULT_ENDPOINTS, type EndpointName, type RefreshCookieOptions, type ViewSpec } from './handlers/types.js';
import { createMswHandlers } from './msw.js';
import { resolveSettings, type SimpleJwtSettings, type SimpleJwtSettingsInput } from './settings.js';
import { MockState, type Clock } from './state.js';
import { DEMO_USERS, type MockUser } from './users.js';
import { stackOf, type SimpleJwtVersion, type Stack } from './versions.js';
import { toResponse } from './wire.js';
import { mockFetch } from './mock-fetch.js';

/** Options of {@link createSimpleJwtMock}. */
export interface SimpleJwtMockOptions {
  /**
   * The SimpleJWT version imitated, with the stack it runs on: `'5.2'` (5.2.2 on Django 3.2, DRF 3.14,
   * PyJWT 2.6, django-cors-headers 3.14) or `'5.5'` (5.5.0 on Django 4.2, DRF 3.16, PyJWT 2.10,
   * django-cors-headers 4.7).
   * @default '5.5'
   */
  version?: SimpleJwtVersion;
  /** Where the endpoints are mounted: origin plus optional path prefix (default `http://localhost:8000/`). */
  baseUrl?: string;
  /**
   * `SIMPLE_JWT` settings under SimpleJWT's names; defaults as SimpleJWT's. Unknown names, settings of a
   * later version and unmodelled settings away from their defaults throw a `MockConfigError`.
   */
  settings?: SimpleJwtSettingsInput;
  /** Users (default: the five demo users). */
  users?: MockUser[];
  /** Source of "now" (default `Date.now`). */
  clock?: Clock;
  /** How latency faults wait (default: `setTimeout`). */
  sleep?: (ms: number) => Promise<void>;
  /** Endpoint paths relative to `baseUrl`. */
  endpoints?: Partial<Record<EndpointName, string>>;
  /** httpOnly refresh-cookie mode, off by default. */
  refreshCookie?: RefreshCookieOptions | false;
  /** CORS (django-cors-headers), on by default for local dev origins; false removes the middleware. */
  cors?: CorsOptions | false;
  /** Serves the control API under `__mock__/` (default false). */
  admin?: boolean;
}

/** A SimpleJWT mock. */
export interface SimpleJwtMock {
  /** msw request handlers for the mock's routes; spread them into `setupServer`/`setupWorker`. */
  readonly handlers: RequestHandler[];
  /** Handles a request; undefined when its URL is outside `baseUrl`. Unknown paths under it get Django's 404 page. */
  handle(request: Request): Promise<Response | undefined>;
  /** A `fetch` served by the mock: follows redirects, rejects with `TypeError('Failed to fetch')` on network faults and foreign URLs. */
  readonly fetch: typeof fetch;
  /** Test control. */
  readonly control: MockControl;
  /** Effective settings. */
  readonly settings: Readonly<SimpleJwtSettings>;
  /** The stack imitated: SimpleJWT's version and those of Django, DRF, PyJWT and django-cors-headers. */
  readonly stack: Stack;
  /** The normalised base URL (with a trailing slash). */
  readonly baseUrl: string;
  /** Full URL of an endpoint. */
  url(endpoint: EndpointName): string;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** Creates a mock SimpleJWT backend. */
export function createSimpleJwtMock(options: SimpleJwtMockOptions = {}): SimpleJwtMock {
  const base = new URL(options.baseUrl ?? 'http://localhost:8000/');
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const basePath = base.pathname;
  const stack = stackOf(options.version);
  const settings = resolveSettings(options.settings, stack.version);
  const state = new MockState(settings, stack, options.users ?? DEMO_USERS, options.clock ?? { now: () => Date.now() });
  const faults = new FaultQueue();
  const log: RequestLogEntry[] = [];
  const control = createControl(state, faults, log);
  const sleep = options.sleep ?? realSleep;
  const cors: CorsOptions | null =
    options.cors === false ? null : (options.cors ?? { allowedOrigins: [...DEFAULT_CORS_ORIGINS] });
  const refreshCookie = options.refreshCookie || null;
  const endpoints = { ...DEFAULT_ENDPOINTS, ...options.endpoints };
  const routes = new Map<string, ViewSpec>();
  for (const view of [...TOKEN_VIEWS, ...API_VIEWS])
    routes.set(basePath + endpoints[view.endpoint].replace(/^\/+/, ''), view);
  const adminPrefix = `${basePath}__mock__/`;

  const owns = (url: URL): boolean => url.origin === base.origin && url.pathname.startsWith(basePath);

  const handle = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    if (!owns(url)) return undefined;
    const method = request.method.toUpperCase();
    const path = decodePath(url.pathname);
    if (options.admin && path.startsWith(adminPrefix)) {
      const res = await handleAdmin(request, path.slice(adminPrefix.length), control);
      if (cors) applyCors(res, method, request.headers, cors, stack);
      return toResponse(res, method);
    }
    const endpoint = routes.get(path)?.endpoint ?? null;
    const fault = faults.take(endpoint);
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    const nowMs = state.now();
    const entry: RequestLogEntry = { endpoint, method, path: url.pathname, status: 0, at: nowMs };
    log.push(entry);
    if (fault?.network) return Response.error();
    const faulty = fault && faultResponse(fault);
    if (faulty) {
      if (cors) applyCors(faulty, method, request.headers, cors, stack);
      entry.status = faulty.status;
      return toResponse(faulty, method);
    }
    const body = method === 'GET' || method === 'HEAD' ? new Uint8Array() : new Uint8Array(await request.arrayBuffer());
    const jar: string[] = [];
    const wire = await djangoHandle(
      { method, path, search: url.search, query: url.searchParams, headers: request.headers, body },
      { resolve: (p) => routes.get(p), cors, stack },
      {
        state,
        nowMs,
        cookies: parseCookies(request.headers.get('cookie')),
        refreshCookie,
        setCookie: (c) => jar.push(c),
      },
      jar,
    );
    entry.status = wire.status;
    return toResponse(wire, method);
  };

  // Only the mock's own routes (and their slash-less forms) are intercepted, so user handlers still see the rest.
  const isMockRoute = (url: URL): boolean => {
    if (!owns(url)) return false;
    const path = decodePath(url.pathname);
    return routes.has(path) || routes.has(`${path}/`) || (!!options.admin && path.startsWith(adminPrefix));
  };

  return {
    handlers: createMswHandlers(isMockRoute, handle),
    handle,
    fetch: mockFetch(handle),
    control,
    settings,
    stack,
    baseUrl: base.href,
    url: (endpoint) => new URL(endpoints[endpoint].replace(/^\/+/, ''), base).href,
  };
}

/** `createSimpleJwtMock(options).handlers`, for when no control is needed. */
export function createSimpleJwtHandlers(options: SimpleJwtMockOptions = {}): RequestHandler[] {
  return createSimpleJwtMock(options).handlers;
}
