/**
 * `APIView.dispatch`: content negotiation, authentication, permissions, method check,
 * the handler, DRF's exception handler and `finalize_response` headers.
 */
import { authenticateJwt, type Authenticated } from '../authentication.js';
import { authenticateJwtCookie } from '../cookie-authentication.js';
import { randomToken } from './csrf.js';
import type { ViewContext, ViewSpec } from '../handlers/types.js';
import { ApiException, methodNotAllowed, notAcceptable, notAuthenticated, notFound } from './exceptions.js';
import { parseRequestData, type RequestData } from './parsers.js';
import { FORCED_NEGOTIATION, selectRenderer, type Negotiation } from './negotiation.js';
import { renderBrowsableApi, renderJson } from './render.js';
import { ServerCrash } from '../tokens.js';
import { reasonOf, type WireResponse } from '../wire.js';

/** The request as a view sees it. */
export interface DispatchRequest {
  /** Upper-cased method. */
  method: string;
  /** Full URL path (for the browsable API page). */
  path: string;
  /** Query parameters. */
  query: URLSearchParams;
  /** Request headers. */
  headers: Headers;
  /** Raw body bytes. */
  body: Uint8Array;
}

/** The view's response plus whether the browsable API used the CSRF token. */
export interface DispatchResult {
  /** Response before middleware. */
  response: WireResponse;
  /** True when the page embeds a CSRF token (the CSRF middleware then sets the cookie). */
  csrfUsed: boolean;
}

const HTTP_METHOD_NAMES = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];
const RENDERS = ['application/json', 'text/html'];
const PARSES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];
const capfirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function metadata(view: ViewSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: view.name,
    description: view.description,
    renders: RENDERS,
    parses: PARSES,
  };
  if (view.fields) {
    const post: Record<string, unknown> = {};
    for (const f of view.fields) {
      post[f.name] = {
        type: f.type ?? 'string',
        required: !f.readOnly && !f.optional,
        read_only: !!f.readOnly,
        label: capfirst(f.name.replace(/_/g, ' ')),
      };
    }
    out.actions = { POST: post };
  }
  return out;
}

/** Runs a DRF view. Errors other than `APIException` (crashes, bad requests) propagate to Django. */
export async function dispatchView(
  view: ViewSpec,
  req: DispatchRequest,
  base: Omit<ViewContext, 'data' | 'auth'>,
): Promise<DispatchResult> {
  const allow = view.allowed.join(', ');
  let negotiation: Extract<Negotiation, { ok: true }> | undefined;
  let status: number;
  let data: unknown;
  let wwwAuthenticate: string | undefined;
  try {
    const dialect = base.state.stack.django;
    const selected = selectRenderer(req.headers.get('accept'), req.query.get('format'), dialect);
    if (!selected.ok) throw selected.error === 'not_found' ? notFound() : notAcceptable();
    negotiation = selected;
    let parsed: RequestData | undefined;
    const requestData = (): RequestData =>
      (parsed ??= parseRequestData(req.body, req.headers.get('content-type'), dialect));
    let auth: Authenticated | null = null;
    if (view.authenticate) {
      try {
        auth =
          view.authenticate === 'jwt-cookie' && base.djRestAuth
            ? await authenticateJwtCookie({ ...base, data: requestData }, base.djRestAuth, base.state, base.nowMs)
            : await authenticateJwt(req.headers, base.state, base.nowMs);
      } catch (e) {
        // Django's request.user is still the lazy session-backed object; the 500 error report touches the session.
        if (e instanceof ServerCrash) e.sessionAccessed = true;
        throw e;
      }
    }
    if (view.permission === 'isAuthenticated' && !auth) throw notAuthenticated();
    const ctx: ViewContext = { ...base, auth, data: requestData };
    const method = req.method;
    if (!HTTP_METHOD_NAMES.includes(method) || !view.allowed.includes(method)) throw methodNotAllowed(method);
    if (method === 'OPTIONS') {
      status = 200;
      data = metadata(view);
    } else {
      ({ status, data } = await view.run(ctx));
    }
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    status = e.status;
    data = e.data;
    if (e.authFailure) wwwAuthenticate = `${base.state.settings.AUTH_HEADER_TYPES[0]} realm="api"`;
  }
  const chosen = negotiation ?? FORCED_NEGOTIATION;
  const headers: [string, string][] = [];
  let body: string;
  let csrfUsed = false;
  if (chosen.renderer === 'api') {
    headers.push(['Content-Type', 'text/html; charset=utf-8']);
    if (wwwAuthenticate) headers.push(['WWW-Authenticate', wwwAuthenticate]);
    headers.push(['Vary', 'Accept'], ['Allow', allow]);
    csrfUsed = true;
    body = renderBrowsableApi({
      name: view.name,
      description: view.description,
      status,
      reason: reasonOf(status),
      headers: headers.filter(([k]) => k !== 'Content-Type'),
      data,
      path: req.path,
      allow,
      csrfToken: randomToken(64),
    });
  } else {
    // Response.rendered_content reports the renderer's own media type, not the accepted one.
    headers.push(['Content-Type', 'application/json']);
    if (wwwAuthenticate) headers.push(['WWW-Authenticate', wwwAuthenticate]);
    headers.push(['Vary', 'Accept'], ['Allow', allow]);
    body = renderJson(data, chosen.mediaType, base.state.stack.django);
  }
  return { response: { status, headers, body, cookies: [] }, csrfUsed };
}
