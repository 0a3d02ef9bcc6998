/**
 * The backends the mock speaks: which views a project mounts where, and how it authenticates.
 * `simplejwt` is SimpleJWT's own views as its documentation mounts them; `djoser` is
 * `djoser.urls.jwt` under `auth/`; `dj-rest-auth` is dj-rest-auth 6's JWT mode under `dj-rest-auth/`.
 * Each also serves the example API (`api/me/`, `api/public/`).
 */
import { MockConfigError } from '../config-error.js';
import { apiViews } from '../handlers/api-views.js';
import { DJ_REST_AUTH_VIEWS } from '../handlers/dj-rest-auth/views.js';
import { TOKEN_VIEWS } from '../handlers/token-views.js';
import { DEFAULT_ENDPOINTS, type EndpointName, type ViewSpec } from '../handlers/types.js';
import type { Route } from '../router.js';

/** A backend preset. */
export type Preset = 'simplejwt' | 'dj-rest-auth' | 'djoser';

/** The presets, in a stable order. */
export const PRESETS: readonly Preset[] = Object.freeze(['simplejwt', 'dj-rest-auth', 'djoser']);

/** Options of the `djoser` preset. */
export interface DjoserOptions {
  /**
   * The app adds SimpleJWT's `TokenBlacklistView` at `auth/jwt/blacklist/` (djoser has no logout for JWTs:
   * without it nothing can revoke a refresh token).
   * @default false
   */
  blacklist?: boolean;
}

/** Default endpoint paths of each preset, relative to the base URL. */
export const PRESET_ENDPOINTS: Readonly<Record<Preset, Readonly<Partial<Record<EndpointName, string>>>>> =
  Object.freeze({
    simplejwt: DEFAULT_ENDPOINTS,
    djoser: Object.freeze({
      obtain: 'auth/jwt/create/',
      refresh: 'auth/jwt/refresh/',
      verify: 'auth/jwt/verify/',
      blacklist: 'auth/jwt/blacklist/',
      me: 'api/me/',
      public: 'api/public/',
    }),
    'dj-rest-auth': Object.freeze({
      obtain: 'dj-rest-auth/login/',
      blacklist: 'dj-rest-auth/logout/',
      user: 'dj-rest-auth/user/',
      verify: 'dj-rest-auth/token/verify/',
      refresh: 'dj-rest-auth/token/refresh/',
      me: 'api/me/',
      public: 'api/public/',
    }),
  });

/** The project's URLconf for a preset. */
export interface PresetSetup {
  /** Routes in URLconf order. */
  routes: Route[];
  /** Each served endpoint's path relative to the base URL. */
  paths: Partial<Record<EndpointName, string>>;
  /** The default authentication class of the project's own API views. */
  authentication: 'jwt' | 'jwt-cookie';
}

const tokenView = (endpoint: EndpointName): ViewSpec => TOKEN_VIEWS.find((v) => v.endpoint === endpoint)!;

function viewsOf(preset: Preset, djoser: DjoserOptions): { view: ViewSpec; prefix?: boolean }[] {
  if (preset === 'simplejwt') return [...TOKEN_VIEWS, ...apiViews('jwt')].map((view) => ({ view }));
  if (preset === 'djoser') {
    // djoser.urls.jwt: re_path(r"^jwt/create/?", …) and friends, unanchored at the end.
    const jwt = (['obtain', 'refresh', 'verify'] as const).map((e) => ({ view: tokenView(e), prefix: true }));
    const blacklist = djoser.blacklist ? [{ view: tokenView('blacklist') }] : [];
    return [...jwt, ...blacklist, ...apiViews('jwt').map((view) => ({ view }))];
  }
  const verify = { view: tokenView('verify') };
  const [login, logout, user, refresh] = DJ_REST_AUTH_VIEWS.map((view) => ({ view }));
  return [login!, logout!, user!, verify, refresh!, ...apiViews('jwt-cookie').map((view) => ({ view }))];
}

/** Routes for a preset mounted at `basePath`, with the user's path overrides. */
export function presetSetup(
  preset: Preset,
  basePath: string,
  overrides: Partial<Record<EndpointName, string>>,
  djoser: DjoserOptions,
): PresetSetup {
  const views = viewsOf(preset, djoser);
  const served = new Set(views.map((v) => v.view.endpoint));
  for (const endpoint of Object.keys(overrides) as EndpointName[]) {
    if (!served.has(endpoint)) {
      throw new MockConfigError(
        'invalid_option',
        `The ${preset} preset has no ${endpoint} endpoint to move (it serves ${[...served].join(', ')})`,
        `endpoints.${endpoint}`,
      );
    }
  }
  const paths: Partial<Record<EndpointName, string>> = {};
  const routes: Route[] = views.map(({ view, prefix }) => {
    const relative = (overrides[view.endpoint] ?? PRESET_ENDPOINTS[preset][view.endpoint]!).replace(/^\/+/, '');
    paths[view.endpoint] = relative;
    return { endpoint: view.endpoint, path: basePath + relative, view, match: prefix ? 'prefix' : 'exact' };
  });
  return { routes, paths, authentication: preset === 'dj-rest-auth' ? 'jwt-cookie' : 'jwt' };
}
