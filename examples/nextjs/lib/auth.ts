/**
 * The app's one auth client. This module is imported by client components only, but Next.js also
 * evaluates it on the server to render their HTML: there the client never logs in (no storage, no
 * tokens: login and requests run in event handlers and effects, which the server never runs), and
 * the hooks render the `initializing` state, so server markup is the same for every visitor.
 */
import { createAuthClient, type AuthClient } from '@simplejwt-client/core';

/**
 * The access token's claims. SimpleJWT's default token carries `user_id` (plus `token_type`,
 * `exp`, `iat`, `jti`); anything else comes from your serializer. Unverified: display only.
 */
export interface Claims {
  user_id: number;
}

// The API is on the page's origin (the server forwards `/api/` to the backend). On the server the
// URL is only a placeholder: the server-side instance never sends a request.
const baseUrl = typeof window === 'undefined' ? 'http://localhost/' : new URL('/', window.location.href).href;

/** The browser's client: localStorage (the default in browsers), shared by the origin's tabs. */
export const auth: AuthClient<Claims> = createAuthClient<Claims>({ baseUrl });
