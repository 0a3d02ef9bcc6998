/**
 * msw request handlers around the mock's `handle`: one per endpoint (its route and the
 * slash-less form Django redirects), plus one for the admin routes.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { EndpointName } from './handlers/types.js';
import { decodePath, type Pipeline } from './pipeline.js';
import type { Router } from './router.js';

/** The mock's msw handlers: all of them, and each endpoint's own. */
export interface MswHandlers {
  /** Every endpoint's handler in URLconf order, then the admin routes' (when enabled). */
  all: RequestHandler[];
  /** The handler of each endpoint the mock serves. */
  byEndpoint: Map<EndpointName, RequestHandler>;
}

/** Builds the msw handlers of a mock. */
export function createMswHandlers(router: Router, pipeline: Pipeline, admin: boolean): MswHandlers {
  const answer = async ({ request }: { request: Request }): Promise<Response | undefined> => {
    const res = await pipeline.handle(request);
    if (res?.type === 'error') return HttpResponse.error();
    return res;
  };
  const byEndpoint = new Map<EndpointName, RequestHandler>();
  for (const route of router.routes) {
    if (byEndpoint.has(route.endpoint)) continue;
    byEndpoint.set(
      route.endpoint,
      http.all(({ request }) => {
        const url = new URL(request.url);
        return pipeline.owns(url) && router.reaches(route, decodePath(url.pathname));
      }, answer),
    );
  }
  const all = [...byEndpoint.values()];
  if (admin) {
    all.push(
      http.all(({ request }) => {
        const url = new URL(request.url);
        return pipeline.owns(url) && pipeline.isAdmin(decodePath(url.pathname));
      }, answer),
    );
  }
  return { all, byEndpoint };
}
