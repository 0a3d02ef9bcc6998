/**
 * dj-rest-auth 6 in body mode (`JWT_AUTH_HTTPONLY` off: the refresh token in the JSON, kept by the
 * client) against the real server of `examples/django-simplejwt`, with rotation, blacklist and 2 s
 * access tokens, on SimpleJWT 5.2 (where an inactive user's refresh still succeeds, so the API call
 * tells, whatever the timing): the full flow of `djRestAuth()` and the README's error table.
 */
import { djRestAuth } from '@simplejwt-client/core';
import { describe, expect, it } from 'vitest';
import { PRESET_ENDPOINTS } from '../support/counting-proxy.js';
import { ROTATING, useRealServer } from '../support/real-server.js';
import { PROBE_TARGETS } from '../support/real-server-probe.js';
import { describeErrorTable } from './presets/error-table.js';
import { runPresetFlow } from './presets/flow.js';

const server = useRealServer(
  {
    ...ROTATING,
    SJWT_PRESET: 'dj-rest-auth',
    DJRA_HTTPONLY: 'false',
    SJWT_ACCESS_TOKEN_LIFETIME: '2',
    SJWT_FAST_PASSWORD_HASHER: 'true',
  },
  '5.2',
  { endpoints: PRESET_ENDPOINTS['dj-rest-auth'] },
);
const backend = djRestAuth();
const probe = PROBE_TARGETS['dj-rest-auth-body'];

describe('djRestAuth() against dj-rest-auth in body mode (SimpleJWT 5.2, rotation + blacklist)', () => {
  it('login (with the user) → calls across refreshes → reload → two clients → logout revokes every refresh token', async () => {
    const report = await runPresetFlow({
      server,
      backend,
      probe,
      loginExtras: { user: { pk: 1, username: 'alice', email: 'alice@example.com', first_name: '', last_name: '' } },
      revocation: 'revoked',
    });
    console.log(`dj-rest-auth body mode: ${JSON.stringify({ ...report, probes: report.probes.length })}`);
    expect(report.probes.every((p) => p.status === 401)).toBe(true);
  });

  describeErrorTable({
    server,
    backend,
    probe,
    wrongPasswordStatus: 400,
    wrongPasswordDetail: 'Unable to log in with provided credentials.',
  });
});
