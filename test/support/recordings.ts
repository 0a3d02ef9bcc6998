/**
 * Loads the real servers' wire recordings (`../shared/simplejwt` for SimpleJWT 5.2.2 and
 * `../shared/simplejwt-5.5` for 5.5.0, next to the repository) and configures a mock the way
 * each recording's server was configured.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MockUser, SimpleJwtMockOptions } from '@simplejwt-client/mock-server';

const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared');

/** One set of recordings: the SimpleJWT version it was made with, its folder and its configurations. */
export interface RecordingSet {
  version: '5.2' | '5.5';
  dir: string;
  configs: readonly string[];
}

/** The recording sets, oldest first. */
export const RECORDING_SETS: readonly RecordingSet[] = [
  {
    version: '5.2',
    dir: resolve(SHARED, 'simplejwt'),
    configs: ['default', 'rotate-blacklist', 'header-types', 'short-lived'],
  },
  {
    version: '5.5',
    dir: resolve(SHARED, 'simplejwt-5.5'),
    configs: ['default', 'rotate-blacklist', 'header-types', 'short-lived', 'revoke'],
  },
];

/** A recorded HTTP exchange. */
export interface HttpStep {
  id: string;
  kind: 'http';
  note?: string;
  request: { method: string; path: string; headers: [string, string][]; body: string | null };
  response: { status: number; reason: string; headers: [string, string][]; body: string; dynamic?: string[] };
  tokens?: Record<string, TokenFacts>;
}

/** What the recorder noted about an issued token. */
export interface TokenFacts {
  length: number;
  header_json: string;
  claim_order: string[];
  claims: Record<string, { type: string; value: unknown }>;
  exp_minus_iat?: number;
  relative_to_request: {
    request_time: number;
    iat_minus_request_second: number;
    exp_minus_request_second: number;
    refresh_exp_minus_request_second?: number;
  };
  same_as_request_token?: string[];
  time_claims_minus_request_token?: Record<string, number>;
}

/** A recorded step. */
export type Step =
  | HttpStep
  | { id: string; kind: 'sleep'; seconds: number }
  | { id: string; kind: 'action'; action: string; params: Record<string, unknown> };

/** A recorded scenario. */
export interface Scenario {
  id: string;
  title: string;
  config: string;
  steps: Step[];
}

interface ServerJson {
  host_header: string;
  common_settings: {
    cors: {
      CORS_ALLOWED_ORIGINS: string[];
      CORS_ALLOW_CREDENTIALS: boolean;
      CORS_ALLOW_HEADERS: string[];
      CORS_ALLOW_METHODS: string[];
      CORS_EXPOSE_HEADERS: string[];
      CORS_PREFLIGHT_MAX_AGE: number;
    };
  };
  configurations: Record<string, { simple_jwt: Record<string, unknown> }>;
  users: MockUser[];
}

const readJson = <T>(set: RecordingSet, name: string): T =>
  JSON.parse(readFileSync(resolve(set.dir, name), 'utf8')) as T;

/** The recorded scenarios of a configuration (of the 5.2.2 set unless `set` is given). */
export function loadScenarios(config: string, set: RecordingSet = RECORDING_SETS[0]!): Scenario[] {
  return readJson<Scenario[]>(set, `${config}.json`);
}

/** `server.json` of a set. */
export function loadServer(set: RecordingSet = RECORDING_SETS[0]!): ServerJson {
  return readJson<ServerJson>(set, 'server.json');
}

/**
 * Mock options reproducing a recorded configuration: the version, the server's complete effective
 * `SIMPLE_JWT` as recorded (the mock refuses what it cannot honour), users, CORS and host.
 */
export function mockOptionsFor(config: string, set: RecordingSet = RECORDING_SETS[0]!): SimpleJwtMockOptions {
  const server = loadServer(set);
  const settings = server.configurations[config]!.simple_jwt as SimpleJwtMockOptions['settings'];
  const cors = server.common_settings.cors;
  return {
    version: set.version,
    baseUrl: `http://${server.host_header}/`,
    settings,
    users: server.users,
    cors: {
      allowedOrigins: cors.CORS_ALLOWED_ORIGINS,
      allowCredentials: cors.CORS_ALLOW_CREDENTIALS,
      allowHeaders: cors.CORS_ALLOW_HEADERS,
      allowMethods: cors.CORS_ALLOW_METHODS,
      exposeHeaders: cors.CORS_EXPOSE_HEADERS,
      maxAge: cors.CORS_PREFLIGHT_MAX_AGE,
    },
  };
}

/** Replaces `{{stepN.body.FIELD}}` with values from earlier responses of the scenario. */
export function resolvePlaceholders(text: string, bodies: Map<string, Record<string, unknown>>): string {
  return text.replace(/\{\{(step\d+)\.body\.([A-Za-z_]+)\}\}/g, (_m, step: string, field: string) => {
    const value = bodies.get(step)?.[field];
    if (typeof value !== 'string') throw new Error(`Placeholder ${step}.body.${field} has no value`);
    return value;
  });
}
