import { ConfigurationError, type ConfigurationProblem } from './errors.js';
import type { Emitter } from './events.js';
import type { ResolvedOptions } from './options.js';
import type { Logger } from './types.js';

/** Misconfigurations the client can recognise on the wire, each reported once per client. */
export interface Diagnostics {
  /** Reports `error` (logger and `configuration-error` event) the first time its problem is seen; returns it. */
  report(error: ConfigurationError): ConfigurationError;
  /** The server answered "credentials were not provided" to a request that carried the token. */
  headerIgnored(response: Response): ConfigurationError;
  /** Cookie mode: the refresh cookie set at login never came back. */
  refreshCookieMissing(pageOrigin: string | undefined): ConfigurationError;
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
          ? `it expects the '${expected}' scheme. Set authHeaderType: '${expected}'`
          : `check that authHeaderType matches SimpleJWT's AUTH_HEADER_TYPES[0] and AUTH_HEADER_NAME is Authorization, and that no proxy strips the header`;
      return report(
        new ConfigurationError(
          'auth_header_type_mismatch',
          `The server ignored the Authorization header ('${authHeaderType} …', from the authHeaderType option): ${hint}.`,
          { status: 401 },
        ),
      );
    },
    refreshCookieMissing(pageOrigin) {
      const crossSite = pageOrigin !== undefined && new URL(pageOrigin).hostname !== baseUrl.hostname;
      const why = crossSite
        ? `the page (${pageOrigin}) and the API (${baseUrl.origin}) are on different sites, and browsers do not send SameSite=Lax/Strict cookies (or any third-party cookie, where those are blocked) on cross-site requests: serve the API on the page's site, or set the cookie SameSite=None; Secure`
        : 'the browser did not store or send it: check its SameSite, Secure, Domain and Path attributes and the CORS credentials settings (Access-Control-Allow-Credentials)';
      return report(
        new ConfigurationError(
          'refresh_cookie_missing',
          `Cookie mode: the refresh cookie set at login did not come back on refresh — ${why}.`,
        ),
      );
    },
  };
}
