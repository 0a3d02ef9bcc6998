/**
 * A request's way through the mock: base URL check, admin routes, injected faults, the request
 * log, then the Django project (middleware, URL resolution, DRF views) on the wire.
 */
import { handleAdmin } from './admin.js';
import type { MockControl, RequestLogEntry } from './control.js';
import { applyCors, type CorsOptions } from './cors.js';
import { djangoHandle } from './django.js';
import { faultResponse, type FaultQueue } from './faults.js';
import { parseCookies } from './handlers/cookies.js';
import type { RefreshCookieOptions, ViewSpec } from './handlers/types.js';
import type { Router } from './router.js';
import type { MockState } from './state.js';
import { toResponse } from './wire.js';

/** What the pipeline needs from the mock it belongs to. */
export interface PipelineDeps {
  base: URL;
  router: Router;
  state: MockState;
  faults: FaultQueue;
  log: RequestLogEntry[];
  control: MockControl;
  cors: CorsOptions | null;
  refreshCookie: RefreshCookieOptions | null;
  admin: boolean;
  sleep: (ms: number) => Promise<void>;
}

/** The mock's request handling. */
export interface Pipeline {
  /** True for URLs under the base URL. */
  owns(url: URL): boolean;
  /** True for the admin routes (when enabled). */
  isAdmin(path: string): boolean;
  /** Handles a request; undefined when its URL is outside the base URL. */
  handle(request: Request): Promise<Response | undefined>;
  /** Runs a request through the Django layer with another URL resolution (no faults, not logged). */
  django(request: Request, resolve: (path: string) => ViewSpec | undefined, body: Uint8Array): Promise<Response>;
}

/** `decodeURIComponent`, keeping malformed escapes as they are. */
export function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** Builds the request handling of one mock. */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const { base, router, state, cors } = deps;
  const basePath = base.pathname;
  const adminPrefix = `${basePath}__mock__/`;
  const stack = state.stack;

  const owns = (url: URL): boolean => url.origin === base.origin && url.pathname.startsWith(basePath);
  const isAdmin = (path: string): boolean => deps.admin && path.startsWith(adminPrefix);

  const django = async (
    request: Request,
    resolve: (path: string) => ViewSpec | undefined,
    body: Uint8Array,
    nowMs = state.now(),
  ): Promise<Response> => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const jar: string[] = [];
    const wire = await djangoHandle(
      {
        method,
        path: decodePath(url.pathname),
        search: url.search,
        query: url.searchParams,
        headers: request.headers,
        body,
      },
      { resolve, cors, stack },
      {
        state,
        nowMs,
        cookies: parseCookies(request.headers.get('cookie')),
        refreshCookie: deps.refreshCookie,
        setCookie: (c) => jar.push(c),
      },
      jar,
    );
    return toResponse(wire, method);
  };

  const handle = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    if (!owns(url)) return undefined;
    const method = request.method.toUpperCase();
    const path = decodePath(url.pathname);
    if (isAdmin(path)) {
      const res = await handleAdmin(request, path.slice(adminPrefix.length), deps.control);
      if (cors) applyCors(res, method, request.headers, cors, stack);
      return toResponse(res, method);
    }
    const endpoint = router.resolve(path)?.endpoint ?? null;
    const fault = deps.faults.take(endpoint);
    if (fault?.latencyMs) await deps.sleep(fault.latencyMs);
    const nowMs = state.now();
    const entry: RequestLogEntry = { endpoint, method, path: url.pathname, status: 0, at: nowMs };
    deps.log.push(entry);
    if (fault?.network) return Response.error();
    const faulty = fault && faultResponse(fault);
    if (faulty) {
      if (cors) applyCors(faulty, method, request.headers, cors, stack);
      entry.status = faulty.status;
      return toResponse(faulty, method);
    }
    const body = method === 'GET' || method === 'HEAD' ? new Uint8Array() : new Uint8Array(await request.arrayBuffer());
    const response = await django(request, (p) => router.resolve(p)?.view, body, nowMs);
    entry.status = response.status;
    return response;
  };

  return { owns, isAdmin, handle, django: (request, resolve, body) => django(request, resolve, body) };
}
