// The main job: a real HTTP mock of SimpleJWT on 127.0.0.1, and a client that logs in, calls the
// API across a proactive refresh with rotation, survives a 401, logs out, and prints what happened.
import { createAuthClient, memoryStorage, type AuthEvent } from '@simplejwt-client/core';
import { createAuthKy } from '@simplejwt-client/core/ky';
import type { EndpointName } from '@simplejwt-client/mock-server';
import { startMockServer } from '@simplejwt-client/mock-server/node';

const server = await startMockServer({
  port: 0,
  settings: { ACCESS_TOKEN_LIFETIME: 3, ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true },
});
const log = (line: string): void => console.log(`  ${line}`);
console.log(`SimpleJWT mock server on ${server.url} (access tokens live 3 s, refresh tokens rotate)`);

const auth = createAuthClient<{ user_id: number }>({
  baseUrl: server.url,
  storage: memoryStorage(),
  refreshLeeway: 1,
});
auth.on((event: AuthEvent) => log(`event: ${event.type}${'rotated' in event ? ` (rotated: ${event.rotated})` : ''}`));
const api = createAuthKy(auth);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

try {
  await auth.ready;
  console.log('\n1. log in as alice');
  await auth.login({ username: 'alice', password: 'alice-password-1' });
  log(`status: ${auth.getState().status}, user_id claim: ${auth.getState().claims?.user_id}`);

  console.log('\n2. call the protected endpoint with fetch and with ky');
  log(`GET api/me/ (fetch) -> ${JSON.stringify(await (await auth.fetch('api/me/')).json())}`);
  log(`GET api/me/ (ky)    -> ${JSON.stringify(await api.get('api/me/').json())}`);

  console.log('\n3. wait 5 s: the client refreshes before the token expires, and the server rotates the refresh token');
  await sleep(5_000);
  log(`GET api/me/ -> ${(await auth.fetch('api/me/')).status}`);

  console.log('\n4. the server clock jumps 1 h ahead: the next call gets a 401, refreshes once and is retried');
  server.mock.control.advanceClock(3_600_000);
  log(`GET api/me/ -> ${(await auth.fetch('api/me/')).status}`);

  console.log('\n5. log out (the refresh token is blacklisted)');
  await auth.logout();
  log(`status: ${auth.getState().status}; GET api/me/ without a session -> ${(await auth.fetch('api/me/')).status}`);

  const count = (endpoint: EndpointName) => server.mock.control.count(endpoint);
  console.log(
    `\nServer saw: ${count('obtain')} login, ${count('refresh')} refreshes, ${count('me')} calls to api/me/, ${count('blacklist')} blacklist.`,
  );
} finally {
  auth.destroy();
  await server.close();
}
