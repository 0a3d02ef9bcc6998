import { createClient } from './client.js';
import { detectPlatform } from './platform/default.js';
import type { AuthClient, AuthClientOptions, LoginCredentials } from './types.js';

/**
 * Creates a token manager for a Django REST Framework API secured by SimpleJWT.
 * @example
 * const auth = createAuthClient({ baseUrl: 'https://api.example.com/' });
 * await auth.login({ username: 'alice', password: '…' });
 * const me = await (await auth.fetch('api/me/')).json();
 */
export function createAuthClient<C extends object = object, B extends object = LoginCredentials>(
  options: AuthClientOptions<C>,
): AuthClient<C, B> {
  return createClient<C, B>(options, detectPlatform);
}
