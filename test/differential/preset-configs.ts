/**
 * The differential configurations of the backends in front of SimpleJWT: dj-rest-auth's JWT mode
 * (cookie mode with CSRF off and on, body mode) and djoser, each on a real server of
 * examples/django-simplejwt and on the mock configured alike (one test file per SimpleJWT version).
 */
import type { SimpleJwtMockOptions } from '@simplejwt-client/mock-server';
import { afterAll, describe, expect, it } from 'vitest';
import type { DjangoEnv, SimpleJwtVersion } from '../support/django.js';
import { runDifferential, type Step } from './harness.js';
import { djoserScript, djRestAuthBodyScript, djRestAuthCookieScript, djRestAuthCsrfScript } from './preset-scripts.js';

/** A preset configuration: example-project environment and the same options for the mock. */
export interface PresetConfig {
  version: SimpleJwtVersion;
  name: string;
  env: DjangoEnv;
  mock: Omit<SimpleJwtMockOptions, 'version' | 'baseUrl' | 'clock'>;
  script: () => Step[];
}

/** Every preset configuration checked live. */
export const PRESET_CONFIGS: PresetConfig[] = [
  ...(['5.2', '5.5'] as const).flatMap((version): PresetConfig[] => [
    {
      version,
      name: 'dj-rest-auth cookie mode',
      env: { SJWT_PRESET: 'dj-rest-auth' },
      mock: { preset: 'dj-rest-auth' },
      script: djRestAuthCookieScript,
    },
    // On 5.2 the CSRF run also moves the refresh cookie and makes both cookies Secure and Strict.
    {
      version,
      name: 'dj-rest-auth cookie mode with CSRF',
      env: {
        SJWT_PRESET: 'dj-rest-auth',
        DJRA_USE_CSRF: 'true',
        ...(version === '5.2'
          ? {
              DJRA_REFRESH_COOKIE_PATH: '/dj-rest-auth/',
              DJRA_SECURE: 'true' as const,
              DJRA_SAMESITE: 'Strict' as const,
            }
          : {}),
      },
      mock: {
        preset: 'dj-rest-auth',
        djRestAuth: {
          useCsrf: true,
          ...(version === '5.2'
            ? { refreshCookiePath: '/dj-rest-auth/', secure: true, sameSite: 'Strict' as const }
            : {}),
        },
      },
      script: djRestAuthCsrfScript,
    },
  ]),
  {
    version: '5.5',
    name: 'dj-rest-auth body mode, rotation, expirations',
    env: {
      SJWT_PRESET: 'dj-rest-auth',
      DJRA_HTTPONLY: 'false',
      DJRA_RETURN_EXPIRATION: 'true',
      SJWT_ROTATE_REFRESH_TOKENS: 'true',
      SJWT_BLACKLIST_AFTER_ROTATION: 'true',
    },
    mock: {
      preset: 'dj-rest-auth',
      djRestAuth: { httpOnly: false, returnExpiration: true },
      settings: { ROTATE_REFRESH_TOKENS: true, BLACKLIST_AFTER_ROTATION: true },
    },
    script: djRestAuthBodyScript,
  },
  {
    version: '5.2',
    name: 'djoser with a blacklist view',
    env: { SJWT_PRESET: 'djoser', DJOSER_BLACKLIST: 'true' },
    mock: { preset: 'djoser', djoser: { blacklist: true } },
    script: djoserScript,
  },
  {
    version: '5.5',
    name: 'djoser',
    env: { SJWT_PRESET: 'djoser' },
    mock: { preset: 'djoser' },
    script: djoserScript,
  },
];

/** Declares one test per preset configuration of `version`, and prints the match figures. */
export function presetSuite(version: SimpleJwtVersion): void {
  const summary: string[] = [];
  describe.each(PRESET_CONFIGS.filter((c) => c.version === version))(
    'differential against Django + SimpleJWT $version: $name',
    ({ name, env, mock, script }) => {
      it('answers the scenario script like the real server', async () => {
        const { mismatches, steps } = await runDifferential({ version, env, mock, steps: script() });
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
