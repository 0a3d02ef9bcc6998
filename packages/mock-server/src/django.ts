/**
 * The Django project around the views: URL resolution, `APPEND_SLASH`, the middleware
 * stack of the reference server (CORS, Security, Session, Common, CSRF, X-Frame-Options),
 * Django's `DEBUG=False` error pages and what runserver adds, for Django 3.2 or 4.2.
 */
import { applyCors, isPreflight, type CorsOptions } from './cors.js';
import { csrfCookieValue, isMalformedCsrfCookie } from './drf/csrf.js';
import { dispatchView, type DispatchRequest } from './drf/dispatch.js';
import { BadRequest } from './drf/exceptions.js';
import { djangoErrorPage } from './drf/render.js';
import { formatSetCookie } from './handlers/cookies.js';
import type { ViewContext, ViewSpec } from './handlers/types.js';
import { ServerCrash } from './tokens.js';
import type { Stack } from './versions.js';
import { byteLength, getHeader, patchVary, setDefaultHeader, setHeader, type WireResponse } from './wire.js';

/** What the Django layer needs besides the views. */
export interface DjangoOptions {
  /** Finds the view of a URL path (e.g. `/api/token/`), or undefined. */
  resolve(path: string): ViewSpec | undefined;
  /** CORS settings, or null when the middleware is not installed. */
  cors: CorsOptions | null;
  /** The stack imitated. */
  stack: Stack;
}

/** A request inside the Django layer. */
export interface DjangoRequest extends DispatchRequest {
  /** Query string including `?`, or ''. */
  search: string;
}

function errorPage(stack: Stack, status: number, title: string, details: string): WireResponse {
  // Django 4 dropped the explicit content_type of its fallback error pages.
  const type = stack.django === '3.2' ? 'text/html' : 'text/html; charset=utf-8';
  return { status, headers: [['Content-Type', type]], body: djangoErrorPage(title, details), cookies: [] };
}

function preflight(stack: Stack): WireResponse {
  // django-cors-headers 4 builds HttpResponse(headers={"content-length": "0"}); 3.14 sets it afterwards.
  const length: [string, string] = stack.corsHeaders === '3.14' ? ['Content-Length', '0'] : ['content-length', '0'];
  const type: [string, string] = ['Content-Type', 'text/html; charset=utf-8'];
  return {
    status: 200,
    headers: stack.corsHeaders === '3.14' ? [type, length] : [length, type],
    body: '',
    cookies: [],
  };
}

function redirectWithSlash(req: DjangoRequest): WireResponse {
  return {
    status: 301,
    headers: [
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Location', `${req.path}/${req.search}`],
    ],
    body: '',
    cookies: [],
  };
}

/** The view's response inside CSRF, Authentication and X-Frame-Options, with Django's handling of exceptions. */
async function innerResponse(
  req: DjangoRequest,
  view: ViewSpec | undefined,
  opts: DjangoOptions,
  base: Omit<ViewContext, 'data' | 'auth'>,
): Promise<{ res: WireResponse; csrfUsed: boolean; sessionAccessed: boolean }> {
  let res: WireResponse;
  let csrfUsed = false;
  let sessionAccessed = false;
  try {
    if (!view) res = errorPage(opts.stack, 404, 'Not Found', 'The requested resource was not found on this server.');
    else ({ response: res, csrfUsed } = await dispatchView(view, req, base));
  } catch (e) {
    if (e instanceof BadRequest) res = errorPage(opts.stack, 400, 'Bad Request (400)', '');
    else {
      if (!(e instanceof ServerCrash)) console.error('[simplejwt-mock] unexpected error, answering 500:', e);
      else sessionAccessed = e.sessionAccessed;
      res = errorPage(opts.stack, 500, 'Server Error (500)', '');
    }
  }
  if (getHeader(res, 'X-Frame-Options') === undefined) res.headers.push(['X-Frame-Options', 'DENY']);
  return { res, csrfUsed, sessionAccessed };
}

/** `SessionMiddleware.process_response`: a new session's cookie, or the deletion of a flushed one. */
function sessionCookie(res: WireResponse, base: Omit<ViewContext, 'data' | 'auth'>): void {
  const key = base.effects.sessionKey;
  if (key === null && base.cookies.has('sessionid')) {
    res.cookies.push(formatSetCookie('sessionid', '', { maxAge: 0, nowMs: base.nowMs, path: '/', sameSite: 'Lax' }));
  } else if (typeof key === 'string') {
    res.cookies.push(
      formatSetCookie('sessionid', key, {
        maxAge: 1209600,
        nowMs: base.nowMs,
        httpOnly: true,
        path: '/',
        sameSite: 'Lax',
      }),
    );
  }
}

/** Handles one request as the reference Django server does; `viewCookies` are the `Set-Cookie` values the view added. Never throws. */
export async function djangoHandle(
  req: DjangoRequest,
  opts: DjangoOptions,
  base: Omit<ViewContext, 'data' | 'auth'>,
  viewCookies: readonly string[],
): Promise<WireResponse> {
  const { cors, stack } = opts;
  if (cors && isPreflight(req.method, req.headers)) {
    const res = preflight(stack);
    applyCors(res, req.method, req.headers, cors, stack);
    return res;
  }
  const modern = stack.django !== '3.2';
  const missingSlash = !req.path.endsWith('/') && !opts.resolve(req.path) && opts.resolve(`${req.path}/`) !== undefined;
  let res: WireResponse;
  let sessionAccessed = false;
  if (missingSlash) {
    // Django 3.2 redirects in CommonMiddleware.process_request (before the inner middleware, then sets
    // Content-Length); 4.x replaces the inner 404 in process_response, so nothing sets Content-Length.
    res = redirectWithSlash(req);
    if (!modern) res.headers.push(['Content-Length', '0']);
  } else {
    const inner = await innerResponse(req, opts.resolve(req.path), opts, base);
    res = inner.res;
    sessionAccessed = inner.sessionAccessed || base.effects.sessionAccessed;
    // The view's cookies come first; the CSRF, then the session middleware add theirs on the way out.
    res.cookies.push(...viewCookies);
    // Django 4's CsrfViewMiddleware replaces a malformed csrftoken cookie on every request.
    const csrfCookie = base.cookies.get('csrftoken');
    const resetCookie = modern && csrfCookie !== undefined && isMalformedCsrfCookie(csrfCookie);
    if (inner.csrfUsed || resetCookie || base.effects.rotateCsrf) {
      res.cookies.push(
        formatSetCookie('csrftoken', csrfCookieValue(stack), {
          maxAge: 31449600,
          nowMs: base.nowMs,
          path: '/',
          sameSite: 'Lax',
        }),
      );
      patchVary(res, ['Cookie']);
    }
    if (getHeader(res, 'Content-Length') === undefined) setHeader(res, 'Content-Length', String(byteLength(res.body)));
    sessionCookie(res, base);
  }
  if (sessionAccessed) patchVary(res, ['Cookie']);
  setDefaultHeader(res, 'X-Content-Type-Options', 'nosniff');
  setDefaultHeader(res, 'Referrer-Policy', 'same-origin');
  if (modern) setDefaultHeader(res, 'Cross-Origin-Opener-Policy', 'same-origin');
  if (cors) applyCors(res, req.method, req.headers, cors, stack);
  // Django 4.2's runserver drops Content-Length on HEAD, and closes connections of unknown length.
  if (modern && req.method === 'HEAD') res.headers = res.headers.filter(([k]) => k.toLowerCase() !== 'content-length');
  else if (modern && getHeader(res, 'Content-Length') === undefined) res.connectionClose = true;
  return res;
}
