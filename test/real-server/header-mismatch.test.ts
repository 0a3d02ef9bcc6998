/**
 * A header-type mismatch is diagnosed (issue 9, finding 7): the server takes `JWT` tokens
 * (`AUTH_HEADER_TYPES = ('JWT',)`, its 401s say `WWW-Authenticate: JWT realm="api"`), the client
 * sends the default `Bearer`. The first call rejects with a `ConfigurationError` naming
 * `authHeaderType`, reported once, and no call costs a refresh. With `authHeaderType: 'JWT'` it works.
 */
import { describe, expect, it } from 'vitest';
import { USERS, settle, useRealServer } from '../support/real-server.js';
import { errorView } from '../support/real-server-checks.js';

const server = useRealServer({ SJWT_AUTH_HEADER_TYPES: 'JWT' });
const CALLS = 10;

describe('the server’s AUTH_HEADER_TYPES is JWT', () => {
  it(`a client on the default Bearer: the first call rejects with a ConfigurationError naming authHeaderType; ${CALLS} calls cost no refresh, one configuration-error event`, async () => {
    const { auth, events } = server.client();
    await auth.login(USERS.alice);
    const outcomes = [];
    for (let i = 0; i < CALLS; i++) outcomes.push(await settle(auth.fetch('api/me/')));
    const first = outcomes[0]!;
    expect
      .soft(first.ok ? `resolved HTTP ${first.value.status}` : errorView(first.error))
      .toMatchObject({ name: 'ConfigurationError', code: 'auth_header_type_mismatch' });
    expect.soft(first.ok ? '' : String((first.error as Error).message)).toContain('authHeaderType');
    expect.soft(server.proxy.count('refresh'), server.proxy.log()).toBe(0);
    expect(events.filter((event) => event.type === 'configuration-error')).toHaveLength(1);
  });

  it(`a client with authHeaderType: 'JWT': ${CALLS} calls answer 200 without a refresh or an event`, async () => {
    const { auth, events } = server.client({ authHeaderType: 'JWT' });
    await auth.login(USERS.alice);
    const statuses = [];
    for (let i = 0; i < CALLS; i++) statuses.push((await auth.fetch('api/me/')).status);
    expect(statuses).toEqual(Array(CALLS).fill(200));
    expect(server.proxy.count('refresh')).toBe(0);
    expect(events.filter((event) => event.type === 'configuration-error')).toEqual([]);
  });
});
