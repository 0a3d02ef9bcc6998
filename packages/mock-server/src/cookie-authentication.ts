/**
 * dj-rest-auth's `JWTCookieAuthentication`: the `Authorization` header as `JWTAuthentication`
 * reads it, else the access cookie, CSRF-checked when `JWT_AUTH_COOKIE_USE_CSRF` is on.
 */
import { authenticateRawToken, rawTokenOfHeader, type Authenticated } from './authentication.js';
import { csrfFailure } from './drf/csrf.js';
import { ApiException } from './drf/exceptions.js';
import type { RequestData } from './drf/parsers.js';
import type { ResolvedDjRestAuth } from './presets/dj-rest-auth-options.js';
import { authHeaderName } from './settings.js';
import type { MockState } from './state.js';

/** What the cookie authentication reads of a request. */
export interface CookieAuthRequest {
  method: string;
  headers: Headers;
  cookies: Map<string, string>;
  requestOrigin: string;
  /** `request.data`, read only by the CSRF check of a POST (for `csrfmiddlewaretoken`). */
  data: () => RequestData;
}

function formToken(data: RequestData): string {
  if (data.kind !== 'form') return '';
  const values = data.fields.get('csrfmiddlewaretoken');
  const last = values?.[values.length - 1];
  return typeof last === 'string' ? last : '';
}

/** `JWTCookieAuthentication.authenticate(request)`: null without credentials; 403 `CSRF Failed: …` when the check refuses. */
export async function authenticateJwtCookie(
  req: CookieAuthRequest,
  config: ResolvedDjRestAuth,
  state: MockState,
  nowMs: number,
): Promise<Authenticated | null> {
  const header = req.headers.get(authHeaderName(state.settings));
  let raw: Uint8Array | null;
  if (header !== null) raw = rawTokenOfHeader(header, state);
  else if (config.accessCookie) {
    const cookie = req.cookies.get(config.accessCookie);
    if (cookie !== undefined && config.useCsrf) {
      const reason = csrfFailure(
        {
          method: req.method,
          headers: req.headers,
          cookie: req.cookies.get('csrftoken'),
          formToken: () => formToken(req.data()),
          requestOrigin: req.requestOrigin,
          trustedOrigins: config.csrfTrustedOrigins,
        },
        state.stack,
      );
      if (reason) throw new ApiException(403, `CSRF Failed: ${reason}`);
    }
    raw = cookie === undefined ? null : new TextEncoder().encode(cookie);
  } else return null;
  return raw === null ? null : authenticateRawToken(raw, state, nowMs);
}
