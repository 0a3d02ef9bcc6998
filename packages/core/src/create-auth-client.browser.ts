import { createClient } from './client.js';
import { detectPlatform } from './platform/default.browser.js';
import type { AuthClient, AuthClientOptions, LoginCredentials } from './types.js';

/** The browser build of `createAuthClient` (the `browser` export condition): no Node or React Native fallbacks. */
export function createAuthClient<C extends object = object, B extends object = LoginCredentials>(
  options: AuthClientOptions<C>,
): AuthClient<C, B> {
  return createClient<C, B>(options, detectPlatform);
}
