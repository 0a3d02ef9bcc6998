/**
 * `createSimpleJwtMock`: wires settings, users, the Django emulation, faults, the request
 * log and the admin routes into `handle`, `fetch`, msw handlers and `protect`.
 */
import type { DefaultBodyType, HttpResponseResolver, PathParams, RequestHandler } from 'msw';
import { createControl, type MockControl, type RequestLogEntry } from './control.js';
import { DEFAULT_CORS_ORIGINS, type CorsOptions } from './cors.js';
import { FaultQueue } from './faults.js';
import { API_VIEWS } from './handlers/api-views.js';
import { TOKEN_VIEWS } from './handlers/token-views.js';
import { DEFAULT_ENDPOINTS, type EndpointName, type RefreshCookieOptions } from './handlers/types.js';
import { mockFetch } from './mock-fetch.js';
import { createMswHandlers } from './msw.js';
import { createPipeline } from './pipeline.js';
import { createProtect, type ProtectedResolver } from './protect.js';
import { Router } from './router.js';
import { resolveSettings, type SimpleJwtSettings, type SimpleJwtSettingsInput } from './settings.js';
import { MockState, type Clock } from './state.js';
import { DEMO_USERS, type MockUser } from './users.js';
import { stackOf, type SimpleJwtVersion, type Stack } from './versions.js';

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
  /**
   * msw request handlers for every route of the mock (each endpoint's, then the admin routes'); spread
   * them into `setupServer`/`setupWorker`. They intercept only the mock's own paths (and the slash-less
   * forms Django redirects), so other handlers keep working for the rest of the origin.
   */
  readonly handlers: RequestHandler[];
  /**
   * The msw handler of one endpoint, to pick endpoints instead of taking them all:
   * `setupServer(mock.handlerFor('obtain'), mock.handlerFor('refresh'), ...yours)`. Throws for an
   * endpoint the mock does not serve.
   */
  handlerFor(endpoint: EndpointName): RequestHandler;
  /**
   * Puts one of the app's own msw resolvers behind the mock's `JWTAuthentication` and `IsAuthenticated`:
   * a request without usable credentials, or with a token the mock refuses (expired, wrong type,
   * blacklisted, inactive or deleted user, password changed…), gets the 401 the imitated DRF view would
   * send (SimpleJWT's exact body, `WWW-Authenticate`); otherwise the resolver runs with `user` and `claims`.
   * @example
   * server.use(http.get('https://api.example.com/api/orders/', mock.protect(({ user }) => HttpResponse.json(ordersOf(user.id)))));
   */
  protect<
    Params extends PathParams<keyof Params> = PathParams,
    RequestBody extends DefaultBodyType = DefaultBodyType,
    ResponseBody extends DefaultBodyType = DefaultBodyType,
  >(
    resolver: ProtectedResolver<Params, RequestBody, ResponseBody>,
  ): HttpResponseResolver<Params, RequestBody, ResponseBody>;
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

/** Creates a mock SimpleJWT backend. Throws a `MockConfigError` for options or settings it cannot honour. */
export function createSimpleJwtMock(options: SimpleJwtMockOptions = {}): SimpleJwtMock {
  const base = new URL(options.baseUrl ?? 'http://localhost:8000/');
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const stack = stackOf(options.version);
  const settings = resolveSettings(options.settings, stack.version);
  const state = new MockState(settings, stack, options.users ?? DEMO_USERS, options.clock ?? { now: () => Date.now() });
  const faults = new FaultQueue();
  const log: RequestLogEntry[] = [];
  const control = createControl(state, faults, log);
  const cors: CorsOptions | null =
    options.cors === false ? null : (options.cors ?? { allowedOrigins: [...DEFAULT_CORS_ORIGINS] });
  const endpoints = { ...DEFAULT_ENDPOINTS, ...options.endpoints };
  const router = new Router(
    [...TOKEN_VIEWS, ...API_VIEWS].map((view) => ({
      endpoint: view.endpoint,
      path: base.pathname + endpoints[view.endpoint].replace(/^\/+/, ''),
      view,
      match: 'exact' as const,
    })),
  );
  const admin = options.admin ?? false;
  const pipeline = createPipeline({
    base,
    router,
    state,
    faults,
    log,
    control,
    cors,
    refreshCookie: options.refreshCookie || null,
    admin,
    sleep: options.sleep ?? realSleep,
  });
  const msw = createMswHandlers(router, pipeline, admin);

  return {
    handlers: msw.all,
    handlerFor: (endpoint) => {
      const handler = msw.byEndpoint.get(endpoint);
      if (!handler) throw new TypeError(`The mock does not serve the endpoint ${JSON.stringify(endpoint)}`);
      return handler;
    },
    protect: createProtect(pipeline, true),
    handle: pipeline.handle,
    fetch: mockFetch(pipeline.handle),
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
