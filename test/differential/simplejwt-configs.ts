/**
 * The SimpleJWT configurations of the differential test, for 5.2.2 (Django 3.2) and 5.5.0
 * (Django 4.2), and the suite that runs them (one test file per version, so they run in parallel).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { DjangoEnv, SimpleJwtVersion } from '../support/django.js';
import { runDifferential, type Step } from './harness.js';
import { revokeScript, simplejwtScript } from './simplejwt-script.js';

/** A server configuration: example-project environment and the same settings for the mock. */
export interface Config {
  version: SimpleJwtVersion;
  name: string;
  env: DjangoEnv;
  settings: Record<string, unknown>;
  script: () => Step[];
}

const COMMON: Omit<Config, 'version'>[] = [
  { name: 'default', env: {}, settings: {}, script: simplejwtScript },
  {
    name: 'rotate-blacklist',
    env: { SJWT_ROTATE_REFRESH_TOKENS: 'true', SJWT_BLACKLIST_AFTER_ROTATION: 'true' },
    settings: { ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true },
    script: simplejwtScript,
  },
  // The shared recordings of these two are a sample or kept back: check them live instead.
  {
    name: 'custom-user-id',
    env: { SJWT_USER_ID_CLAIM: 'uid' },
    settings: { USER_ID_CLAIM: 'uid' },
    script: simplejwtScript,
  },
  {
    name: 'header-types',
    env: { SJWT_AUTH_HEADER_TYPES: 'Bearer,JWT' },
    settings: { AUTH_HEADER_TYPES: ['Bearer', 'JWT'] },
    script: simplejwtScript,
  },
];

/** Every configuration checked live. */
export const CONFIGS: Config[] = [
  ...COMMON.map((c) => ({ ...c, version: '5.2' as const })),
  ...COMMON.map((c) => ({ ...c, version: '5.5' as const })),
  {
    version: '5.5',
    name: 'revoke',
    env: { SJWT_CHECK_REVOKE_TOKEN: 'true' },
    settings: { CHECK_REVOKE_TOKEN: true },
    script: revokeScript,
  },
  {
    version: '5.5',
    name: 'inactive-allowed',
    env: { SJWT_CHECK_USER_IS_ACTIVE: 'false' },
    settings: { CHECK_USER_IS_ACTIVE: false },
    script: simplejwtScript,
  },
];

/** Declares one test per configuration of `version`, and prints the match figures. */
export function differentialSuite(version: SimpleJwtVersion): void {
  const summary: string[] = [];
  describe.each(CONFIGS.filter((c) => c.version === version))(
    'differential against Django + SimpleJWT $version: $name',
    ({ name, env, settings, script }) => {
      it('answers the scenario script like the real server', async () => {
        const { mismatches, steps } = await runDifferential({ version, env, mock: { settings }, steps: script() });
        summary.push(
          `differential SimpleJWT ${version} ${name}: ${steps - mismatches.length}/${steps} steps identical`,
        );
        expect(mismatches).toEqual([]);
      }, 120_000);
    },
  );
  afterAll(() => {
    console.log(summary.join('\n'));
  });
}
