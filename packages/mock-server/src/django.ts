/**
 * The Django project around the views: URL resolution, `APPEND_SLASH`, the middleware
 * stack of the reference server (CORS, Security, Common, CSRF, X-Frame-Options) and
 * Django's `DEBUG=False` error pages.
 */
import { applyCors, isPreflight, type CorsOptions } from './cors.js';
import { dispatchView, randomToken, type DispatchRequest } from './drf/dispatch.js';
import { BadRequest } from './drf/exceptions.js';
import { djangoErrorPage } from './drf/render.js';
import { formatSetCookie } from './handlers/cookies.js';
import type { ViewContext, ViewSpec } from './handlers/types.js';
import { ServerCrash } from './tokens.js';
import { byteLength, getHeader, patchVary, setDefaultHeader, setHeader, type WireResponse } from './wire.js';

/** What the Django layer needs besides the views. */
export interface DjangoOptions {
  /** Views by full URL path (e.g. `/api/token/`). */
  routes: Map<string, ViewSpec>;
  /** CORS settings, or null when the middleware is not installed. */
  cors: CorsOptions | null;
}

/** A request inside the Django layer. */
export interface DjangoRequest extends DispatchRequest {
  /** Query string including `?`, or ''. */
  search: string;
}

function errorPage(status: number, title: string, details: string): WireResponse {
  return { status, headers: [['Content-Type', 'text/html']], body: djangoErrorPage(title, details), cookies: [] };
}

/** Handles one request as the reference Django server does; `viewCookies` are the `Set-Cookie` values the view added. Never throws. */
export async function djangoHandle(
  req: DjangoRequest,
  opts: DjangoOptions,
  base: Omit<ViewContext, 'data' | 'auth'>,
  viewCookies: readonly string[],
): Promise<WireResponse> {
  const cors = opts.cors;
  if (cors && isPreflight(req.method, req.headers)) {
    const res: WireResponse = {
      status: 200,
      headers: [
        ['Content-Type', 'text/html; charset=utf-8'],
        ['Content-Length', '0'],
      ],
      body: '',
      cookies: [],
    };
    applyCors(res, req.method, req.headers, cors);
    return res;
  }

  let res: WireResponse;
  let sessionAccessed = false;
  if (!req.path.endsWith('/') && !opts.routes.has(req.path) && opts.routes.has(`${req.path}/`)) {
    // CommonMiddleware.process_request returns before the inner middleware (no X-Frame-Options).
    res = {
      status: 301,
      headers: [
        ['Content-Type', 'text/html; charset=utf-8'],
        ['Location', `${req.path}/${req.search}`],
      ],
      body: '',
      cookies: [],
    };
  } else {
    const view = opts.routes.get(req.path);
    let csrfUsed = false;
    try {
      if (!view) res = errorPage(404, 'Not Found', 'The requested resource was not found on this server.');
      else ({ response: res, csrfUsed } = await dispatchView(view, req, base));
    } catch (e) {
      if (e instanceof BadRequest) res = errorPage(400, 'Bad Request (400)', '');
      else {
        if (!(e instanceof ServerCrash)) console.error('[simplejwt-mock] unexpected error, answering 500:', e);
        else sessionAccessed = e.sessionAccessed;
        res = errorPage(500, 'Server Error (500)', '');
      }
    }
    if (getHeader(res, 'X-Frame-Options') === undefined) res.headers.push(['X-Frame-Options', 'DENY']);
    if (csrfUsed) {
      res.cookies.push(
        formatSetCookie('csrftoken', randomToken(64), {
          maxAge: 31449600,
          nowMs: base.nowMs,
          path: '/',
          sameSite: 'Lax',
        }),
      );
      patchVary(res, ['Cookie']);
    }
  }
  res.cookies.push(...viewCookies);
  if (getHeader(res, 'Content-Length') === undefined) setHeader(res, 'Content-Length', String(byteLength(res.body)));
  if (sessionAccessed) patchVary(res, ['Cookie']);
  setDefaultHeader(res, 'X-Content-Type-Options', 'nosniff');
  setDefaultHeader(res, 'Referrer-Policy', 'same-origin');
  if (cors) applyCors(res, req.method, req.headers, cors);
  return res;
}
