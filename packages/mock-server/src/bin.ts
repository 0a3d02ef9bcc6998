#!/usr/bin/env node
/// <reference types="node" />
/**
 * `simplejwt-mock`: runs the mock as a standalone HTTP server.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_CORS_ORIGINS } from './cors.js';
import { startMockServer, type MockServerOptions } from './node.js';
import type { SimpleJwtSettingsInput } from './settings.js';
import type { MockUser } from './users.js';
import { DEFAULT_SIMPLEJWT_VERSION, SIMPLEJWT_VERSIONS, type SimpleJwtVersion } from './versions.js';

const HELP = `Usage: simplejwt-mock [options]

A Django REST Framework + SimpleJWT look-alike server for frontend development.

  --simplejwt-version <v>    SimpleJWT version imitated: ${SIMPLEJWT_VERSIONS.join(' or ')} (default ${DEFAULT_SIMPLEJWT_VERSION})
  --port <n>                 port (default 8000; 0 picks a free one)
  --host <addr>              interface (default 127.0.0.1)
  --base-path <path>         mount the endpoints under this prefix (default /)
  --settings <file.json>     SIMPLE_JWT settings (SimpleJWT names; lifetimes in seconds)
  --users <file.json>        users: [{ id, username, password, email, is_active, is_staff, claims }]
  --signing-key <key>        SIGNING_KEY
  --access-lifetime <s>      ACCESS_TOKEN_LIFETIME in seconds
  --refresh-lifetime <s>     REFRESH_TOKEN_LIFETIME in seconds
  --rotate                   ROTATE_REFRESH_TOKENS = True
  --blacklist-after-rotation BLACKLIST_AFTER_ROTATION = True
  --header-types <a,b>       AUTH_HEADER_TYPES, comma-separated
  --user-id-claim <name>     USER_ID_CLAIM
  --cors-origin <origin>     allowed CORS origin (repeatable); REPLACES the default origins
  --add-cors-origin <origin> allowed CORS origin added to the defaults (repeatable)
                             defaults: ${DEFAULT_CORS_ORIGINS.join(', ')}
  --no-cors                  no CORS middleware
  --refresh-cookie <name>    httpOnly refresh-cookie mode with this cookie name
  --admin                    serve the control API under /__mock__/
  --help                     this text
`;

function readJsonFile<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function optionsFromArgs(argv: string[]): MockServerOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      'simplejwt-version': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'base-path': { type: 'string' },
      settings: { type: 'string' },
      users: { type: 'string' },
      'signing-key': { type: 'string' },
      'access-lifetime': { type: 'string' },
      'refresh-lifetime': { type: 'string' },
      rotate: { type: 'boolean' },
      'blacklist-after-rotation': { type: 'boolean' },
      'header-types': { type: 'string' },
      'user-id-claim': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'add-cors-origin': { type: 'string', multiple: true },
      'no-cors': { type: 'boolean' },
      'refresh-cookie': { type: 'string' },
      admin: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const settings: SimpleJwtSettingsInput = values.settings ? readJsonFile<SimpleJwtSettingsInput>(values.settings) : {};
  const seconds = (flag: string, v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number of seconds`);
    return n;
  };
  if (values['signing-key']) settings.SIGNING_KEY = values['signing-key'];
  if (values['access-lifetime'])
    settings.ACCESS_TOKEN_LIFETIME = seconds('--access-lifetime', values['access-lifetime']);
  if (values['refresh-lifetime'])
    settings.REFRESH_TOKEN_LIFETIME = seconds('--refresh-lifetime', values['refresh-lifetime']);
  if (values.rotate) settings.ROTATE_REFRESH_TOKENS = true;
  if (values['blacklist-after-rotation']) settings.BLACKLIST_AFTER_ROTATION = true;
  if (values['header-types']) settings.AUTH_HEADER_TYPES = values['header-types'].split(',').map((s) => s.trim());
  if (values['user-id-claim']) settings.USER_ID_CLAIM = values['user-id-claim'];
  const port = values.port === undefined ? 8000 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('--port needs an integer between 0 and 65535');
  const options: MockServerOptions = { port, settings, admin: values.admin ?? false };
  const version = values['simplejwt-version'];
  if (version !== undefined) {
    if (!(SIMPLEJWT_VERSIONS as readonly string[]).includes(version))
      throw new Error(`--simplejwt-version must be one of ${SIMPLEJWT_VERSIONS.join(', ')}`);
    options.version = version as SimpleJwtVersion;
  }
  if (values.host) options.host = values.host;
  if (values['base-path']) options.basePath = values['base-path'];
  if (values.users) options.users = readJsonFile<MockUser[]>(values.users);
  if (values['no-cors'] && (values['cors-origin'] || values['add-cors-origin']))
    throw new Error('--no-cors cannot be combined with --cors-origin or --add-cors-origin');
  if (values['no-cors']) options.cors = false;
  else if (values['cors-origin'] || values['add-cors-origin']) {
    const base = values['cors-origin'] ?? [...DEFAULT_CORS_ORIGINS];
    options.cors = { allowedOrigins: [...new Set([...base, ...(values['add-cors-origin'] ?? [])])] };
  }
  if (values['refresh-cookie']) options.refreshCookie = { name: values['refresh-cookie'] };
  return options;
}

async function main(): Promise<void> {
  let options: MockServerOptions | undefined;
  try {
    options = optionsFromArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`simplejwt-mock: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (!options) {
    console.log(HELP);
    return;
  }
  let server: Awaited<ReturnType<typeof startMockServer>>;
  try {
    server = await startMockServer(options);
  } catch (error) {
    console.error(`simplejwt-mock: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
    return;
  }
  console.log(
    `simplejwt-mock listening on ${server.url}${options.admin ? ` (admin API at ${server.url}__mock__/)` : ''}`,
  );
  console.log(
    `SimpleJWT ${server.mock.stack.version} (Django ${server.mock.stack.django}, DRF ${server.mock.stack.drf})`,
  );
  const origins = options.cors === false ? [] : (options.cors?.allowedOrigins ?? DEFAULT_CORS_ORIGINS);
  console.log(options.cors === false ? 'CORS: off' : `CORS origins (with credentials): ${origins.join(', ')}`);
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    console.log(`simplejwt-mock: ${signal}, shutting down`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
