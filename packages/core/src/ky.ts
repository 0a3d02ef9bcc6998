import ky, { type KyInstance, type Options } from 'ky';
import type { AuthClient } from './types.js';

/**
 * A ky instance that behaves like `auth.fetch`: the token goes only to the API's origins, is
 * refreshed before it expires, and a 401 is retried once after one shared refresh. ky's own
 * hooks, retries and timeouts still apply around it. `baseUrl` defaults to the client's.
 * @example
 * const api = createAuthKy(auth);
 * const me = await api.get('api/me/').json<{ id: number }>();
 */
export function createAuthKy(auth: Pick<AuthClient, 'fetch' | 'baseUrl'>, options: Options = {}): KyInstance {
  return ky.create({ baseUrl: auth.baseUrl, ...options, fetch: auth.fetch });
}
