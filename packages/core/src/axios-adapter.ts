import { type AxiosAdapter, type AxiosResponse, getAdapter } from 'axios';
import { authAxiosError } from './axios-error.js';
import { isSimpleJwtClientError, type SimpleJwtClientError } from './errors.js';
import type { AuthClient } from './types.js';

/**
 * An axios adapter that sends every request through `auth.fetch`, on axios's own fetch adapter
 * (`env.fetch`, axios ≥ 1.12): one implementation holds every guarantee of `auth.fetch` — the
 * token only for the API's origins, one shared refresh, exactly one retry of a 401 that carried
 * the token, an aborted or timed-out caller detached from the shared refresh. axios still builds
 * the request and reads the response (interceptors, `transformRequest`/`transformResponse`,
 * `validateStatus`, `responseType`, `timeout`, progress events apply as on its fetch adapter).
 * When the client decides a request's fate, it rejects with an AxiosError whose `cause` is the
 * typed error (see {@link authAxiosError}), whatever `validateStatus` says.
 */
export function createAuthAdapter(auth: Pick<AuthClient, 'fetch'>): AxiosAdapter {
  /** The typed error `auth.fetch` ended each request with, by the Request axios built for it. */
  const failures = new WeakMap<Request, SimpleJwtClientError>();
  // One function for the adapter's life: axios caches its fetch adapter per `env.fetch`.
  const send = async (input: URL | Request | string, init?: RequestInit): Promise<Response> => {
    try {
      return await auth.fetch(input, init);
    } catch (error) {
      if (!isSimpleJwtClientError(error) || !(input instanceof Request)) throw error;
      failures.set(input, error);
      // The final 401 goes back to axios, which reads it into `error.response` as it reads any response.
      const { response } = error as { response?: unknown };
      if (response instanceof Response) return response;
      throw error;
    }
  };

  return async (config) => {
    const adapter = getAdapter('fetch', { env: { ...config.env, fetch: send } });
    let response: AxiosResponse | undefined;
    let request: unknown;
    try {
      response = await adapter(config);
      request = response.request;
    } catch (error) {
      ({ request, response } = (error ?? {}) as { request?: unknown; response?: AxiosResponse });
      const failure = request instanceof Request ? failures.get(request) : undefined;
      throw failure ? authAxiosError(failure, config, request, response) : error;
    }
    const failure = request instanceof Request ? failures.get(request) : undefined;
    if (failure) throw authAxiosError(failure, config, request, response);
    return response;
  };
}
