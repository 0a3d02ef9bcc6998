/**
 * djoser 2.1 (Debian's `python3-djoser`, `djoser.urls.jwt` under `auth/`, `JWT` header type)
 * against the real server of `examples/django-simplejwt`, with rotation, blacklist and 2 s access
 * tokens, on SimpleJWT 5.2: the full flow of `djoser()` and the README's error table. djoser has
 * no logout for JWTs: without a blacklist view the logout revokes nothing and the last refresh
 * token stays valid on the server until it expires (djoser's documented limit, asserted here);
 * with SimpleJWT's `TokenBlacklistView` mounted (`DJOSER_BLACKLIST`) and named in
 * `djoser({ blacklist })`, logout revokes it.
 */
import { djoser } from '@simplejwt-client/core';
import { describe, expect, it } from 'vitest';
import { PRESET_ENDPOINTS } from '../support/counting-proxy.js';
import type { DjangoEnv } from '../support/django.js';
import { ROTATING, useRealServer } from '../support/real-server.js';
import { PROBE_TARGETS } from '../support/real-server-probe.js';
import { describeErrorTable } from './presets/error-table.js';
import { runPresetFlow } from './presets/flow.js';

const ENV: DjangoEnv = {
  ...ROTATING,
  SJWT_PRESET: 'djoser',
  SJWT_ACCESS_TOKEN_LIFETIME: '2',
  SJWT_FAST_PASSWORD_HASHER: 'true',
};
const proxyOptions = { endpoints: PRESET_ENDPOINTS.djoser };

describe('djoser() against djoser without a blacklist view (SimpleJWT 5.2, rotation + blacklist after rotation)', () => {
  const server = useRealServer(ENV, '5.2', proxyOptions);
  const backend = djoser();
  const probe = PROBE_TARGETS['djoser-no-blacklist'];

  it('login → calls across refreshes → reload → two clients → logout is not-configured: the last refresh token stays valid on the server', async () => {
    const report = await runPresetFlow({ server, backend, probe, loginExtras: {}, revocation: 'not-configured' });
    console.log(`djoser without blacklist: ${JSON.stringify({ ...report, probes: report.probes.length })}`);
    // Rotation blacklisted every earlier token; nothing could revoke the last one.
    expect(report.probes.map((p) => p.status)).toEqual([...Array(report.issued - 1).fill(401), 200]);
  });

  describeErrorTable({
    server,
    backend,
    probe,
    wrongPasswordStatus: 401,
    wrongPasswordDetail: 'No active account found with the given credentials',
  });
});

describe('djoser({ blacklist }) against djoser with TokenBlacklistView (SimpleJWT 5.2, rotation + blacklist)', () => {
  const server = useRealServer({ ...ENV, DJOSER_BLACKLIST: 'true' }, '5.2', proxyOptions);

  it('login → calls across refreshes → reload → two clients → logout revokes every refresh token', async () => {
    const report = await runPresetFlow({
      server,
      backend: djoser({ blacklist: 'auth/jwt/blacklist/' }),
      probe: PROBE_TARGETS.djoser,
      loginExtras: {},
      revocation: 'revoked',
    });
    console.log(`djoser with blacklist: ${JSON.stringify({ ...report, probes: report.probes.length })}`);
    expect(report.probes.every((p) => p.status === 401)).toBe(true);
  });
});
