/**
 * The shape of a DRF view as the mock models it: what `APIView.dispatch` needs to know
 * (allowed methods, authentication, permission, serializer fields) and the handler.
 */
import type { Authenticated } from '../authentication.js';
import type { RequestData } from '../drf/parsers.js';
import type { ResolvedDjRestAuth } from '../presets/dj-rest-auth-options.js';
import type { MockState } from '../state.js';

/**
 * The endpoints the mock serves. The names follow the client's `endpoints` option: with the
 * dj-rest-auth preset `obtain` is its login view and `blacklist` its logout view, and `user` is
 * its user-details view.
 */
export type EndpointName =
  | 'obtain'
  | 'refresh'
  | 'verify'
  | 'blacklist'
  | 'slidingObtain'
  | 'slidingRefresh'
  | 'me'
  | 'public'
  | 'custom'
  | 'user';

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
  'user',
];

/** The SimpleJWT preset's paths, relative to the base URL, as SimpleJWT's documentation mounts them. */
export const DEFAULT_ENDPOINTS: Readonly<Partial<Record<EndpointName, string>>> = Object.freeze({
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

/** What a view or an authentication class leaves for the middleware to do after the view. */
export interface DjangoEffects {
  /** `rotate_token(request)` ran (a login): the CSRF middleware sets a new `csrftoken` cookie. */
  rotateCsrf: boolean;
  /** The session was read or written: the session middleware adds `Vary: Cookie`. */
  sessionAccessed: boolean;
  /** A session key to send as the `sessionid` cookie, or null when the session was flushed. */
  sessionKey?: string | null;
}

/** What a view sees of the request. */
export interface ViewContext {
  /** Server state. */
  state: MockState;
  /** scheme://host the request was sent to (Django's `request.scheme` and `get_host()`). */
  requestOrigin: string;
  /** Request headers. */
  headers: Headers;
  /** Upper-cased method. */
  method: string;
  /** dj-rest-auth's settings, with that preset; else null. */
  djRestAuth: ResolvedDjRestAuth | null;
  /** Session and CSRF effects for the middleware. */
  effects: DjangoEffects;
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

/** A serializer field as DRF's `SimpleMetadata` describes it. */
export interface FieldInfo {
  /** Field name. */
  name: string;
  /** DRF's type label (default `string`). */
  type?: 'string' | 'email';
  /** `read_only=True`. */
  readOnly?: boolean;
  /** `required=False` (for a writable field). */
  optional?: boolean;
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
  /**
   * The authentication class: `jwt` (SimpleJWT's `JWTAuthentication`), `jwt-cookie` (dj-rest-auth's
   * `JWTCookieAuthentication`), or false (`authentication_classes = ()`).
   */
  authenticate: false | 'jwt' | 'jwt-cookie';
  /** Permission class. */
  permission: 'none' | 'isAuthenticated' | 'allowAny';
  /** Serializer fields for OPTIONS `actions.POST`. */
  fields?: FieldInfo[];
  /** Handles an allowed, non-OPTIONS method. */
  run(ctx: ViewContext): Promise<ViewResult>;
}
