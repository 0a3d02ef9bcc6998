import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));
// Runs the TypeScript source: a resolve hook maps the `.js` import specifiers to `.ts` files.
const hook =
  'export async function resolve(s,c,n){try{return await n(s,c)}catch(e){if(s.endsWith(".js"))return n(s.slice(0,-3)+".ts",c);throw e}}';
const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(`data:text/javascript,${hook}`)})`;
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the bin; resolves with its URL and everything it printed up to the CORS line, or rejects if it exits. */
function startBin(args: string[]): Promise<{ url: string; out: string; child: ChildProcessWithoutNullStreams }> {
  const child = spawn(process.execPath, [
    '--experimental-strip-types',
    '--no-warnings',
    '--import',
    register,
    bin,
    ...args,
  ]);
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+\/)[\s\S]*CORS/.exec(out);
      if (m && out.endsWith('\n')) resolve({ url: m[1]!, out, child });
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(Object.assign(new Error(`bin exited (${code}): ${out}`), { code, out })));
  });
}

const preflight = (url: string, origin: string) =>
  fetch(`${url}api/token/`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST' },
  }).then((r) => r.headers.get('access-control-allow-origin'));

describe('simplejwt-mock (bin)', () => {
  it('starts, answers, and exits cleanly on SIGTERM', async () => {
    const { url, child, out } = await startBin(['--port', '0', '--admin', '--access-lifetime', '60']);
    expect(out).toContain('SimpleJWT 5.5 (Django 4.2, DRF 3.16)');
    const res = await fetch(`${url}api/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":"alice","password":"alice-password-1"}',
    });
    const { access } = (await res.json()) as { access: string };
    const payload = JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString()) as {
      exp: number;
      iat: number;
    };
    expect(payload.exp - payload.iat).toBe(60);
    expect((await fetch(`${url}__mock__/requests`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('allows vite, vite preview and port 3000 by default; --add-cors-origin adds to them', async () => {
    const { url, out } = await startBin(['--port', '0', '--add-cors-origin', 'https://app.example']);
    expect(out).toContain(
      'CORS origins (with credentials): http://localhost:5173, http://127.0.0.1:5173, http://localhost:4173, http://127.0.0.1:4173, http://localhost:3000, https://app.example',
    );
    expect(await preflight(url, 'http://localhost:4173')).toBe('http://localhost:4173');
    expect(await preflight(url, 'https://app.example')).toBe('https://app.example');
    expect(await preflight(url, 'https://evil.example')).toBeNull();
  });

  it('--cors-origin replaces the defaults, and --simplejwt-version picks the stack', async () => {
    const { url, out } = await startBin([
      '--port',
      '0',
      '--cors-origin',
      'https://app.example',
      '--simplejwt-version',
      '5.2',
    ]);
    expect(out).toContain('SimpleJWT 5.2 (Django 3.2, DRF 3.14)');
    expect(out).toContain('CORS origins (with credentials): https://app.example\n');
    expect(await preflight(url, 'https://app.example')).toBe('https://app.example');
    // django-cors-headers 3.14 still answers a disallowed origin, without Access-Control-Allow-Origin.
    expect(await preflight(url, 'http://localhost:5173')).toBeNull();
  });

  it('exits with 2 and names the setting when a settings file has an unknown one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simplejwt-mock-bin-'));
    try {
      const file = join(dir, 'settings.json');
      writeFileSync(file, JSON.stringify({ ACCESS_TOKEN_LIFETIME: 60, REFRESH_LIFETIME: 600 }));
      const failure = (await startBin(['--port', '0', '--settings', file]).catch((e: unknown) => e)) as {
        code: number;
        out: string;
      };
      expect(failure.code).toBe(2);
      expect(failure.out).toContain('Unknown SIMPLE_JWT setting REFRESH_LIFETIME');
      expect(failure.out).not.toContain('listening');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
