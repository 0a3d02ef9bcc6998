/**
 * The SimpleJWT mock in the browser: msw's service worker (`public/mockServiceWorker.js`, written by
 * `npx msw init public/ --save`) hands the page's requests to these handlers, which answer like
 * Django + SimpleJWT on the page's own origin. Only loaded by the `worker` build (see main.tsx).
 */
import { createSimpleJwtMock } from '@simplejwt-client/mock-server';
import { setupWorker } from 'msw/browser';

/** The mock, on this page's origin: `api/token/…` and `api/me/` under it. */
export const mock = createSimpleJwtMock({
  baseUrl: new URL('/', window.location.href).href,
  settings: { ACCESS_TOKEN_LIFETIME: 60, ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true },
});

/** Registers the service worker and resolves once it intercepts requests. */
export async function startApiMock(): Promise<void> {
  await setupWorker(...mock.handlers).start({
    onUnhandledFrame: 'bypass', // msw 3's name (msw 2: onUnhandledRequest): the page's own files (and anything else) go to the network as usual
    quiet: true,
  });
}
