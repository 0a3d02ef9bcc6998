/**
 * msw request handlers around the mock's `handle`.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';

/** One catch-all msw handler whose predicate accepts only the mock's routes. */
export function createMswHandlers(
  isMockRoute: (url: URL) => boolean,
  handle: (request: Request) => Promise<Response | undefined>,
): RequestHandler[] {
  return [
    http.all(
      ({ request }) => isMockRoute(new URL(request.url)),
      async ({ request }) => {
        const res = await handle(request);
        if (res?.type === 'error') return HttpResponse.error();
        return res;
      },
    ),
  ];
}
