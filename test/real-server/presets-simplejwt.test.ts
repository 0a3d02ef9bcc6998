/**
 * SimpleJWT's own views (the default `simpleJwt()` backend) against the real server of
 * `examples/django-simplejwt`, with rotation, blacklist and 2 s access tokens, on SimpleJWT 5.2:
 * the full flow and the README's error table, as for the other presets.
 */
import { simpleJwt } from '@simplejwt-client/core';
import { describe, expect, it } from 'vitest';
import { ROTATING, useRealServer } from '../support/real-server.js';
import { PROBE_TARGETS } from '../support/real-server-probe.js';
import { describeErrorTable } from './presets/error-table.js';
import { runPresetFlow } from './presets/flow.js';

const server = useRealServer({ ...ROTATING, SJWT_ACCESS_TOKEN_LIFETIME: '2', SJWT_FAST_PASSWORD_HASHER: 'true' });
const backend = simpleJwt();
const probe = PROBE_TARGETS.simplejwt;

describe('simpleJwt() against SimpleJWT’s views (SimpleJWT 5.2, rotation + blacklist)', () => {
  it('login → calls across refreshes → reload → two clients → logout revokes every refresh token', async () => {
    const report = await runPresetFlow({ server, backend, probe, loginExtras: {}, revocation: 'revoked' });
    console.log(`simpleJwt: ${JSON.stringify({ ...report, probes: report.probes.length })}`);
    expect(report.probes.every((p) => p.status === 401)).toBe(true);
  });

  describeErrorTable({
    server,
    backend,
    probe,
    wrongPasswordStatus: 401,
    wrongPasswordDetail: 'No active account found with the given credentials',
  });
});
