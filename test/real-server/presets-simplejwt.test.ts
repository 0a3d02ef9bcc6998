/**
 * SimpleJWT's own views (the default `simpleJwt()` backend) against the real server of
 * `examples/django-simplejwt`, with rotation and blacklist, on SimpleJWT 5.2: the README's error
 * table, as for the other presets. (Its full flow is the other real-server suites': tabs in
 * Chromium, `logout-in-flight.test.ts` with every issued token probed.)
 */
import { simpleJwt } from '@simplejwt-client/core';
import { describe } from 'vitest';
import { ROTATING, useRealServer } from '../support/real-server.js';
import { PROBE_TARGETS } from '../support/real-server-probe.js';
import { describeErrorTable } from './presets/error-table.js';

const server = useRealServer({ ...ROTATING, SJWT_FAST_PASSWORD_HASHER: 'true' });
const backend = simpleJwt();
const probe = PROBE_TARGETS.simplejwt;

describe('simpleJwt() against SimpleJWT’s views (SimpleJWT 5.2, rotation + blacklist)', () => {
  describeErrorTable({
    server,
    backend,
    probe,
    wrongPasswordStatus: 401,
    wrongPasswordDetail: 'No active account found with the given credentials',
  });
});
