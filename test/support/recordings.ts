/**
 * Loads the real server's wire recordings (`../shared/simplejwt`, next to the repository)
 * and configures a mock the way each recording's server was configured.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MockUser, SimpleJwtMockOptions } from '@simplejwt-client/mock-server';

/** Where the shared recordings live, resolved from the repository root. */
export const RECORDINGS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/simplejwt');

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

/** The configurations with shared recordings. */
export const RECORDED_CONFIGS = ['default', 'rotate-blacklist', 'header-types', 'short-lived'] as const;

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

const readJson = <T>(name: string): T => JSON.parse(readFileSync(resolve(RECORDINGS_DIR, name), 'utf8')) as T;

/** The recorded scenarios of a configuration. */
export function loadScenarios(config: string): Scenario[] {
  return readJson<Scenario[]>(`${config}.json`);
}

/** `server.json`. */
export function loadServer(): ServerJson {
  return readJson<ServerJson>('server.json');
}

/** Mock options reproducing a recorded configuration (settings, users, CORS, host). */
export function mockOptionsFor(config: string): SimpleJwtMockOptions {
  const server = loadServer();
  const sj = server.configurations[config]!.simple_jwt;
  const cors = server.common_settings.cors;
  const settings: Record<string, unknown> = {};
  for (const key of [
    'ACCESS_TOKEN_LIFETIME',
    'REFRESH_TOKEN_LIFETIME',
    'SLIDING_TOKEN_LIFETIME',
    'SLIDING_TOKEN_REFRESH_LIFETIME',
    'ROTATE_REFRESH_TOKENS',
    'BLACKLIST_AFTER_ROTATION',
    'UPDATE_LAST_LOGIN',
    'ALGORITHM',
    'SIGNING_KEY',
    'LEEWAY',
    'AUTH_HEADER_TYPES',
    'USER_ID_FIELD',
    'USER_ID_CLAIM',
    'AUTH_TOKEN_CLASSES',
    'TOKEN_TYPE_CLAIM',
    'JTI_CLAIM',
    'SLIDING_TOKEN_REFRESH_EXP_CLAIM',
  ]) {
    if (sj[key] !== undefined && sj[key] !== null) settings[key] = sj[key];
  }
  return {
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
