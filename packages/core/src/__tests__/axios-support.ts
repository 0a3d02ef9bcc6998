/** A logged-in world for the axios entry's tests: every request recorded, refreshes that can be held. */
import type { CreateAxiosDefaults } from 'axios';
import type { AuthClientOptions } from '../index.js';
import { createAuthAxios } from '../axios.js';
import { alice, refreshGate, setup, type World } from './support.js';

/** What reached the server: URL, method, Authorization header and body. */
export interface Sent {
  url: string;
  method: string;
  authorization: string | null;
  body?: string;
}

/** A world with alice logged in and an axios instance from `createAuthAxios`. */
export async function loggedIn(
  options: {
    world?: Parameters<typeof setup>[0];
    client?: Partial<AuthClientOptions>;
    axios?: CreateAxiosDefaults;
  } = {},
) {
  const env: World = setup(options.world);
  const sent: Sent[] = [];
  const gate = refreshGate();
  const platform = env.world.fork({
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const body = request.body ? await request.clone().text() : undefined;
      sent.push({
        url: request.url,
        method: request.method,
        authorization: request.headers.get('authorization'),
        ...(body === undefined ? {} : { body }),
      });
      await gate.pass(request);
      return env.mock.fetch(request);
    },
  });
  const auth = env.client({ platform, ...options.client });
  await auth.ready;
  await auth.login(alice);
  sent.length = 0;
  const api = createAuthAxios(auth, options.axios);

  /** Holds the next refresh requests at the server until `release()`; `arrived` settles when one is waiting. */
  const holdRefresh = gate.hold;
  /** Requests that reached `api/me/`. */
  const me = () => sent.filter((s) => s.url.endsWith('/api/me/'));
  return { env, auth, api, sent, me, holdRefresh };
}
