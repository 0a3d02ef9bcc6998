/**
 * The app's one auth client, created once at start-up and handed to `<AuthProvider>`.
 *
 * The API lives on the page's own origin (the dev server forwards `/api/` to the SimpleJWT mock;
 * in production it would be Django behind the same host). The session is kept in localStorage, so
 * it survives reloads and is shared, refreshes included, by every tab of the origin.
 */
import { createAuthClient, webStorage, type AuthClient } from '@simplejwt-client/core';

/**
 * The access token's claims. `username` is not a SimpleJWT default: the backend's obtain view
 * adds it (a `TokenObtainPairSerializer.get_token` override, here the mock's `api/token/custom/`).
 * Claims are decoded WITHOUT verifying the signature: display only, never authorization.
 */
export interface Claims {
  user_id: number;
  username?: string;
  is_staff?: boolean;
}

/** Creates the client for the API at `baseUrl` (default: this page's origin). */
export function createAppAuth(baseUrl: string = new URL('/', window.location.href).href): AuthClient<Claims> {
  return createAuthClient<Claims>({
    baseUrl,
    storage: webStorage('local'),
    endpoints: { obtain: 'api/token/custom/' },
  });
}
