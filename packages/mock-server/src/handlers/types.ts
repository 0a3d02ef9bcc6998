/**
 * The shape of a DRF view as the mock models it: what `APIView.dispatch` needs to know
 * (allowed methods, authentication, permission, serializer fields) and the handler.
 */
import type { Authenticated } from '../authentication.js';
import type { RequestData } from '../drf/parsers.js';
import type { MockState } from '../state.js';

/** The endpoints the mock serves. */
export type EndpointName =
  | 'obtain'
  | 'refresh'
  | 'verify'
  | 'blacklist'
  | 'slidingObtain'
  | 'slidingRefresh'
  | 'me'
  | 'public'
  | 'custom';

/** All endpoint names, in a stable order. */
export const ENDPOINT_NAMES: readonly EndpointName[] = [
  'obtain',
  'refresh',
  'verify',
  'blacklist',
  'slidingObtain',
  'slidingRefresh',
  'me',
  'public',
  'custom',
];

/** Default paths, relative to the base URL, as SimpleJWT's documentation mounts them. */
export const DEFAULT_ENDPOINTS: Readonly<Record<EndpointName, string>> = Object.freeze({
  obtain: 'api/token/',
  refresh: 'api/token/refresh/',
  verify: 'api/token/verify/',
  blacklist: 'api/token/blacklist/',
  slidingObtain: 'api/token/sliding/',
  slidingRefresh: 'api/token/sliding/refresh/',
  me: 'api/me/',
  public: 'api/public/',
  custom: 'api/token/custom/',
});

/** httpOnly refresh-cookie mode (the dj-rest-auth pattern). */
export interface RefreshCookieOptions {
  /** Cookie name, e.g. `refresh_token`. */
  name: string;
  /** Cookie path (default `/`). */
  path?: string;
  /** SameSite attribute (default `Lax`). */
  sameSite?: 'Lax' | 'Strict' | 'None';
  /** Adds `Secure` (default false). */
  secure?: boolean;
}

/** What a view sees of the request. */
export interface ViewContext {
  /** Server state. */
  state: MockState;
  /** The request's "now", ms since epoch. */
  nowMs: number;
  /** `request.data`, parsed on first use (throws DRF's parse exceptions). */
  data(): RequestData;
  /** Request cookies. */
  cookies: Map<string, string>;
  /** The authenticated user, for views with JWT authentication. */
  auth: Authenticated | null;
  /** Cookie mode, when enabled. */
  refreshCookie: RefreshCookieOptions | null;
  /** Adds a `Set-Cookie` value to the response. */
  setCookie(value: string): void;
}

/** A view's successful response. */
export interface ViewResult {
  /** HTTP status. */
  status: number;
  /** Response data (rendered by the negotiated renderer). */
  data: unknown;
}

/** One DRF view. */
export interface ViewSpec {
  /** Endpoint name. */
  endpoint: EndpointName;
  /** `get_view_name()`, shown in OPTIONS and the browsable API. */
  name: string;
  /** `get_view_description()`. */
  description: string;
  /** `allowed_methods`, in DRF's order (the `Allow` header). */
  allowed: string[];
  /** Uses `JWTAuthentication` (else `authentication_classes = ()`). */
  authenticate: boolean;
  /** Permission class. */
  permission: 'none' | 'isAuthenticated' | 'allowAny';
  /** Serializer fields for OPTIONS `actions.POST` (token views only). */
  fields?: { name: string; readOnly?: boolean }[];
  /** Handles an allowed, non-OPTIONS method. */
  run(ctx: ViewContext): Promise<ViewResult>;
}
