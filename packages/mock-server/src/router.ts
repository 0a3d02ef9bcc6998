/**
 * The project's URLconf: which view answers a path. Routes are tried in order, like Django's
 * `urlpatterns`: `path()` routes match exactly, and `prefix` routes match like djoser's
 * unanchored `re_path(r"^jwt/create/?", …)` (with or without the slash, and anything after).
 */
import type { EndpointName, ViewSpec } from './handlers/types.js';

/** One URL pattern. */
export interface Route {
  /** The endpoint it serves. */
  endpoint: EndpointName;
  /** Full URL path, decoded, with its trailing slash (e.g. `/api/token/`). */
  path: string;
  /** The view. */
  view: ViewSpec;
  /** `exact` (Django's `path()`) or `prefix` (djoser's `^…/?` regexes). */
  match: 'exact' | 'prefix';
}

/** Resolves URL paths to routes. */
export class Router {
  /** The routes, in URLconf order. */
  readonly routes: readonly Route[];

  /** Builds a router over routes in URLconf order. */
  constructor(routes: readonly Route[]) {
    this.routes = routes;
  }

  /** The first route matching a decoded path, like Django's URL resolver. */
  resolve(path: string): Route | undefined {
    return this.routes.find((r) => matches(r, path));
  }

  /** The route of an endpoint, if the project serves it. */
  routeOf(endpoint: EndpointName): Route | undefined {
    return this.routes.find((r) => r.endpoint === endpoint);
  }

  /**
   * True when the path reaches `route`: directly, or as the slash-less form Django's
   * `APPEND_SLASH` redirects to it.
   */
  reaches(route: Route, path: string): boolean {
    const direct = this.resolve(path);
    if (direct) return direct === route;
    return !path.endsWith('/') && this.resolve(`${path}/`) === route;
  }
}

function matches(route: Route, path: string): boolean {
  if (route.match === 'exact') return path === route.path;
  const bare = route.path.replace(/\/$/, '');
  return path.startsWith(bare);
}
