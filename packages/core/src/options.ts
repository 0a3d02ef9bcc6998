import { simpleJwt } from './backends/simplejwt.js';
import type { AuthClientOptions, Backend, EndpointPaths } from './types.js';

/** Options with defaults applied and URLs resolved. */
export interface ResolvedOptions {
  baseUrl: URL;
  allowedOrigins: Set<string>;
  urls: { obtain: string; refresh: string; verify: string; blacklist: string | null };
  sliding: boolean;
  cookieMode: boolean;
  storageKey: string;
  authHeaderType: string;
  leewayMs: number;
  timeoutMs: number;
  retry: { attempts: number; baseDelay: number; maxDelay: number };
  crossTab: boolean;
  stealAfterMs: number;
  keepAlive: boolean;
  /** Headers and login-error mapping of the backend. */
  backend: Pick<Backend, 'headers' | 'loginError'>;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value >= 0 && value < Infinity))
    throw new TypeError(`simplejwt-client: '${name}' must be a non-negative number`);
  return value;
}

/** Applies defaults; throws a TypeError for options that cannot work (an unparsable baseUrl). */
export function resolveOptions(options: AuthClientOptions<object>): ResolvedOptions {
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.baseUrl);
  } catch {
    throw new TypeError("simplejwt-client: 'baseUrl' must be an absolute URL");
  }
  // Without the slash, 'api/token/' would resolve against the parent path.
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname += '/';
  const backend = options.backend ?? simpleJwt(options);
  const sliding = backend.refreshIn === 'token';
  const paths: EndpointPaths = { ...backend.endpoints, ...options.endpoints };
  const url = (path: string): string => new URL(path, baseUrl).href;
  const allowedOrigins = new Set([
    baseUrl.origin,
    ...(options.allowedOrigins ?? []).map((origin) => new URL(origin).origin),
  ]);
  const timeoutMs = positive(options.requestTimeout, 15_000, 'requestTimeout');
  const retry = options.retry ?? {};
  return {
    baseUrl,
    allowedOrigins,
    urls: {
      obtain: url(paths.obtain),
      refresh: url(paths.refresh),
      verify: url(paths.verify),
      // SimpleJWT's blacklist view takes refresh tokens only: a sliding session is not blacklisted.
      blacklist: paths.blacklist === false || sliding ? null : url(paths.blacklist),
    },
    sliding,
    cookieMode: backend.refreshIn === 'cookie',
    storageKey: options.storageKey ?? 'simplejwt-client',
    authHeaderType: options.authHeaderType ?? backend.authHeaderType ?? 'Bearer',
    leewayMs: positive(options.refreshLeeway, 30, 'refreshLeeway') * 1000,
    timeoutMs,
    retry: {
      attempts: Math.max(1, Math.floor(positive(retry.attempts, 4, 'retry.attempts'))),
      baseDelay: positive(retry.baseDelay, 500, 'retry.baseDelay'),
      maxDelay: positive(retry.maxDelay, 15_000, 'retry.maxDelay'),
    },
    crossTab: options.crossTab ?? true,
    stealAfterMs: positive(options.lockTimeout, timeoutMs + 5_000, 'lockTimeout'),
    keepAlive: options.keepAlive ?? false,
    backend,
  };
}
