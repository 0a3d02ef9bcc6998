import axios, { type AxiosInstance, type CreateAxiosDefaults } from 'axios';
import { createAuthAdapter } from './axios-adapter.js';
import type { AuthClient } from './types.js';

export { createAuthAdapter } from './axios-adapter.js';
export { authAxiosError } from './axios-error.js';
/** Re-exported from the main entry, where it also serves `auth.fetch`, ky and TanStack Query errors. */
export { authErrorOf } from './errors.js';

/**
 * An axios instance that behaves like `auth.fetch`: the token goes only to the API's origins, is
 * refreshed before it expires, and a 401 is retried once after one shared refresh. axios's own
 * interceptors, transforms, `validateStatus` and `timeout` still apply around it. `baseURL`
 * defaults to the client's. Needs axios ≥ 1.12 (its fetch adapter with `env.fetch`).
 * @example
 * const api = createAuthAxios(auth, { timeout: 10_000 });
 * const { data: me } = await api.get<{ id: number }>('api/me/');
 */
export function createAuthAxios(
  auth: Pick<AuthClient, 'fetch' | 'baseUrl'>,
  config: CreateAxiosDefaults = {},
): AxiosInstance {
  const instance = axios.create({ baseURL: auth.baseUrl, ...config });
  installAuth(instance, auth);
  return instance;
}

/**
 * What {@link installAuth} needs of an axios instance: its defaults' adapter. Structural, so an
 * instance from another copy of axios in the dependency tree is accepted too.
 */
export interface AxiosLike {
  defaults: { adapter?: unknown };
}

/**
 * Makes an existing axios instance send its requests through `auth.fetch` (it replaces the
 * instance's default adapter; a request config with an `adapter` of its own bypasses the client
 * and gets no token). Remove interceptors that attach tokens or refresh on 401 first: a request
 * that already carries an Authorization header is left alone. Returns a function that puts the
 * previous adapter back.
 * @example
 * const api = axios.create({ baseURL: 'https://api.example.com/' });
 * installAuth(api, auth);
 */
export function installAuth(instance: AxiosLike, auth: Pick<AuthClient, 'fetch'>): () => void {
  const previous = instance.defaults.adapter;
  const adapter = createAuthAdapter(auth);
  instance.defaults.adapter = adapter;
  return () => {
    if (instance.defaults.adapter === adapter) instance.defaults.adapter = previous;
  };
}
