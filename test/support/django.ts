/**
 * Starts the reference Django + SimpleJWT server of `examples/django-simplejwt` on a free
 * port with a fresh SQLite database and the demo users, for differential tests and benchmarks:
 * SimpleJWT's own views, dj-rest-auth 6's JWT mode or djoser's JWT URLs (`SJWT_PRESET`), on
 * SimpleJWT 5.2.2 or 5.5.0.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The example project. */
export const DJANGO_PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/django-simplejwt');
/** Debian's Python, which has Django, DRF, SimpleJWT and django-cors-headers. */
export const PYTHON = '/usr/bin/python3';

/** Settings of the reference server (see `wireproject/settings.py`). */
export interface DjangoEnv {
  SJWT_ACCESS_TOKEN_LIFETIME?: string;
  SJWT_REFRESH_TOKEN_LIFETIME?: string;
  SJWT_SLIDING_TOKEN_LIFETIME?: string;
  SJWT_SLIDING_TOKEN_REFRESH_LIFETIME?: string;
  SJWT_ROTATE_REFRESH_TOKENS?: 'true' | 'false';
  SJWT_BLACKLIST_AFTER_ROTATION?: 'true' | 'false';
  SJWT_AUTH_HEADER_TYPES?: string;
  SJWT_USER_ID_CLAIM?: string;
  SJWT_SIGNING_KEY?: string;
  SJWT_CORS_ALLOWED_ORIGINS?: string;
  /** SimpleJWT >= 5.3 only: revoke tokens when the user's password changes. */
  SJWT_CHECK_REVOKE_TOKEN?: 'true' | 'false';
  /** SimpleJWT >= 5.3 only: the claim of `CHECK_REVOKE_TOKEN` (default `hash_password`). */
  SJWT_REVOKE_TOKEN_CLAIM?: string;
  /** SimpleJWT >= 5.3 only: whether inactive users' tokens are refused (SimpleJWT's default true). */
  SJWT_CHECK_USER_IS_ACTIVE?: 'true' | 'false';
  /** `true`: MD5 password hashing, so a suite's logins take milliseconds instead of PBKDF2's ~0.3 s (nothing on the wire changes). */
  SJWT_FAST_PASSWORD_HASHER?: 'true' | 'false';
  /** The URLs in front of SimpleJWT: its own views (default), dj-rest-auth 6's JWT mode, or djoser's JWT URLs. */
  SJWT_PRESET?: 'simplejwt' | 'dj-rest-auth' | 'djoser';
  /** dj-rest-auth's `JWT_AUTH_HTTPONLY` (default true). */
  DJRA_HTTPONLY?: 'true' | 'false';
  /** dj-rest-auth's `JWT_AUTH_COOKIE_USE_CSRF` (default false). */
  DJRA_USE_CSRF?: 'true' | 'false';
  /** dj-rest-auth's `JWT_AUTH_RETURN_EXPIRATION` (default false). */
  DJRA_RETURN_EXPIRATION?: 'true' | 'false';
  /** dj-rest-auth's `SESSION_LOGIN` (default true). */
  DJRA_SESSION_LOGIN?: 'true' | 'false';
  /** dj-rest-auth's `JWT_AUTH_COOKIE` (default `access`; empty for none). */
  DJRA_ACCESS_COOKIE?: string;
  /** dj-rest-auth's `JWT_AUTH_REFRESH_COOKIE` (default `refresh`; empty for none). */
  DJRA_REFRESH_COOKIE?: string;
  /** dj-rest-auth's `JWT_AUTH_REFRESH_COOKIE_PATH` (default `/`). */
  DJRA_REFRESH_COOKIE_PATH?: string;
  /** dj-rest-auth's `JWT_AUTH_SECURE` (default false). */
  DJRA_SECURE?: 'true' | 'false';
  /** dj-rest-auth's `JWT_AUTH_SAMESITE` (default `Lax`). */
  DJRA_SAMESITE?: 'Lax' | 'Strict' | 'None';
  /** Django's `CSRF_TRUSTED_ORIGINS` in dj-rest-auth mode, comma-separated (default: the CORS origins). */
  DJRA_CSRF_TRUSTED_ORIGINS?: string;
  /** djoser preset: also mount SimpleJWT's `TokenBlacklistView` at `auth/jwt/blacklist/`. */
  DJOSER_BLACKLIST?: 'true' | 'false';
}

/** Which Django stack runs the server: Debian 12's (SimpleJWT 5.2.2, Django 3.2) or Debian 13's (SimpleJWT 5.5.0, Django 4.2). */
export type SimpleJwtVersion = '5.2' | '5.5';

let trixieSite: Promise<string> | undefined;
/** The folder of Debian 13's Django stack, fetched and unpacked by `scripts/simplejwt-5.5.sh` on first use. */
export function simplejwt55Site(): Promise<string> {
  trixieSite ??= run('bash', [resolve(DJANGO_PROJECT, '../../scripts/simplejwt-5.5.sh')], { maxBuffer: 1 << 20 }).then(
    ({ stdout }) => stdout.trim().split('\n').pop()!,
  );
  return trixieSite;
}

/** A running reference server. */
export interface RunningDjango {
  /** Base URL with a trailing slash. */
  url: string;
  /** Runs a management command against the server's database (`set_user_active dave false`, `set_user_password dave new-pass`, `delete_user dave`). */
  manage(...args: string[]): Promise<void>;
  /** Stops the server and deletes its database. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolvePort(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Django exited (${child.exitCode}):\n${log()}`);
    try {
      await fetch(`${url}api/public/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`Django did not start within 30 s:\n${log()}`);
}

/**
 * Puts a migrated database with the demo users at `path`. Migrating and seeding cost two Python
 * start-ups and seconds of SQL per server, so the first server of a kind builds a template in the
 * temp folder and later ones (in any test worker) copy it. The kind is what the schema and the
 * stored users depend on: the stack, the preset's apps and the password hasher.
 */
async function seededDatabase(
  path: string,
  version: SimpleJwtVersion,
  env: DjangoEnv,
  manage: (...args: string[]) => Promise<void>,
): Promise<void> {
  const kind = Object.entries(env)
    .filter(([name]) => /PRESET|HASHER|^DJOSER_|^DJRA_/.test(name))
    .sort()
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const digest = createHash('sha256').update(`${version}|${kind}|${templateStamp()}`).digest('hex').slice(0, 16);
  const template = join(tmpdir(), `simplejwt-django-template-${digest}.sqlite3`);
  if (existsSync(template)) return copyFileSync(template, path);
  await manage('migrate', '--noinput');
  await manage('seed_users');
  // Write under a unique name, then rename: workers racing to build the same template never see half a file.
  const partial = `${template}.${process.pid}.${Date.now()}`;
  copyFileSync(path, partial);
  renameSync(partial, template);
}

/** Changes whenever the example project's Python changes, so a stale template is never reused. */
function templateStamp(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== '__pycache__') walk(path);
      else if (entry.name.endsWith('.py')) hash.update(path).update(readFileSync(path));
    }
  };
  walk(DJANGO_PROJECT);
  return hash.digest('hex');
}

/** Starts the reference server, on SimpleJWT 5.2.2 unless `version` says `'5.5'`. */
export async function startDjango(env: DjangoEnv = {}, version: SimpleJwtVersion = '5.2'): Promise<RunningDjango> {
  const pythonPath = version === '5.5' ? { PYTHONPATH: await simplejwt55Site() } : {};
  const dir = mkdtempSync(join(tmpdir(), 'simplejwt-django-'));
  const fullEnv = {
    ...process.env,
    ...env,
    ...pythonPath,
    SJWT_DB_PATH: join(dir, 'db.sqlite3'),
    PYTHONDONTWRITEBYTECODE: '1',
  };
  const manage = async (...args: string[]): Promise<void> => {
    await run(PYTHON, ['manage.py', ...args], { cwd: DJANGO_PROJECT, env: fullEnv });
  };
  await seededDatabase(fullEnv.SJWT_DB_PATH, version, env, manage);
  const port = await freePort();
  const child = spawn(PYTHON, ['manage.py', 'runserver', '--noreload', `127.0.0.1:${port}`], {
    cwd: DJANGO_PROJECT,
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitUntilUp(url, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    manage,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
