import { ConfigurationError, type ConfigurationProblem } from './errors.js';
import type { Emitter } from './events.js';
import type { ResolvedOptions } from './options.js';
import { pageOrigin } from './platform/browser.js';
import { noRefreshTokenSent } from './token-endpoints.js';
import type { Logger, Unsubscribe } from './types.js';

/** Misconfigurations the client can recognise on the wire, each reported once per client. */
export interface Diagnostics {
  /** Reports `error` (logger and `configuration-error` event) the first time its problem is seen; returns it. */
  report(error: ConfigurationError): ConfigurationError;
  /** The server answered "credentials were not provided" to a request that carried the token. */
  headerIgnored(response: Response): ConfigurationError;
  /**
   * Cookie mode: reports a fetch without a cookie jar (outside a browser, `fetchGiven` false), and
   * watches `events` for a refresh the server answered "no refresh token here" (a SimpleJWT-style
   * view's 400 field error, dj-rest-auth's "No valid refresh token found.") before any refresh
   * succeeded since this page's login: the cookie set at login never came back. Returns the unsubscribe.
   */
  watchCookieMode(inBrowser: boolean, fetchGiven: boolean): Unsubscribe;
}

/** Creates the diagnostics of one client. */
export function createDiagnostics(
  { authHeaderType, baseUrl }: Pick<ResolvedOptions, 'authHeaderType' | 'baseUrl'>,
  logger: Logger,
  events: Emitter,
): Diagnostics {
  const seen = new Set<ConfigurationProblem>();
  const report = (error: ConfigurationError): ConfigurationError => {
    if (seen.has(error.code)) return error;
    seen.add(error.code);
    // Cookie problems may be the browser's choice (third-party cookies off): a warning, not an error.
    if (error.code === 'auth_header_type_mismatch') logger.error(error.message);
    else logger.warn(error.message);
    events.emit({ type: 'configuration-error', error });
    return error;
  };
  return {
    report,
    headerIgnored(response) {
      // `WWW-Authenticate: JWT realm="api"` names SimpleJWT's first AUTH_HEADER_TYPES entry (readable same-origin or when exposed).
      const expected = /^\s*([^\s,]+)/.exec(response.headers.get('www-authenticate') ?? '')?.[1];
      const hint =
        expected && expected !== authHeaderType
          ? `set authHeaderType: '${expected}'`
          : 'check AUTH_HEADER_TYPES, AUTH_HEADER_NAME, or a proxy stripping it';
      return report(
        new ConfigurationError(
          'auth_header_type_mismatch',
          `Server ignored the Authorization header (authHeaderType '${authHeaderType}'): ${hint}`,
          { status: 401 },
        ),
      );
    },
    watchCookieMode(inBrowser, fetchGiven) {
      if (!inBrowser && !fetchGiven) {
        // After the caller had a chance to subscribe with `auth.on`.
        queueMicrotask(() =>
          report(
            new ConfigurationError(
              'cookies_unavailable',
              "refreshTokenIn 'cookie' needs a fetch with a cookie jar (platform.fetch)",
            ),
          ),
        );
      }
      let unproven = false;
      return events.on((event) => {
        if (event.type === 'login') unproven = true;
        else if (event.type === 'refresh-success') unproven = false;
        else if (event.type === 'session-expired' && unproven) {
          const { reason, detail } = event.error;
          if (!noRefreshTokenSent({ code: reason, detail })) return;
          unproven = false;
          const page = pageOrigin();
          const crossSite = page !== undefined && new URL(page).hostname !== baseUrl.hostname;
          const why = crossSite
            ? `page and API are cross-site, so SameSite cookies are not sent: same site, or SameSite=None; Secure`
            : 'check its SameSite, Secure, Domain, Path and CORS credentials';
          report(new ConfigurationError('refresh_cookie_missing', `Refresh cookie never came back: ${why}`));
        }
      });
    },
  };
}
