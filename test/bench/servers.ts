/**
 * Obtain + refresh + protected-call cycles per second over HTTP on loopback: the standalone mock
 * server vs the real Django + SimpleJWT example server, same machine, same run.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimpleJwtMock } from '@simplejwt-client/mock-server';

export interface ServerRow {
  name: string;
  cycles: number | null;
  perSecond: number | null;
  /** Mean ms per step. */
  ms: Steps | null;
  /** Why the row was skipped, or how the server was started. */
  note: string;
}

interface Running {
  url: string;
  close(): Promise<unknown> | void;
  note: string;
}

const credentials = { username: 'alice', password: 'alice-password-1' };

type Steps = { obtain: number; refresh: number; me: number };

async function cycle(url: string, steps: Steps = { obtain: 0, refresh: 0, me: 0 }): Promise<void> {
  let t = performance.now();
  const lap = (step: keyof Steps): void => {
    const now = performance.now();
    steps[step] += now - t;
    t = now;
  };
  const post = (path: string, body: unknown) =>
    fetch(new URL(path, url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const obtained = await post('api/token/', credentials);
  if (obtained.status !== 200) throw new Error(`obtain: HTTP ${obtained.status} ${await obtained.text()}`);
  const pair = (await obtained.json()) as { access: string; refresh: string };
  lap('obtain');
  const refreshed = await post('api/token/refresh/', { refresh: pair.refresh });
  if (refreshed.status !== 200) throw new Error(`refresh: HTTP ${refreshed.status} ${await refreshed.text()}`);
  const { access } = (await refreshed.json()) as { access: string };
  lap('refresh');
  const me = await fetch(new URL('api/me/', url), { headers: { authorization: `Bearer ${access}` } });
  if (me.status !== 200) throw new Error(`me: HTTP ${me.status} ${await me.text()}`);
  await me.arrayBuffer();
  lap('me');
}

/** Runs cycles for `seconds` (after a short warm-up); sequential, one connection at a time. */
async function throughput(url: string, seconds: number): Promise<{ cycles: number; perSecond: number; ms: Steps }> {
  for (let i = 0; i < 3; i++) await cycle(url);
  const steps: Steps = { obtain: 0, refresh: 0, me: 0 };
  const start = performance.now();
  let cycles = 0;
  while (performance.now() - start < seconds * 1000) {
    await cycle(url, steps);
    cycles++;
  }
  const ms = { obtain: steps.obtain / cycles, refresh: steps.refresh / cycles, me: steps.me / cycles };
  return { cycles, perSecond: cycles / ((performance.now() - start) / 1000), ms };
}

/** The mock's own standalone server when it exists, else a plain node:http server around `mock.handle`. */
async function startMock(): Promise<Running> {
  try {
    const spec = '@simplejwt-client/mock-server/node';
    const mod = (await import(spec)) as {
      startMockServer(options?: object): Promise<{ url: string; close(): Promise<void> | void }>;
    };
    const server = await mod.startMockServer({ port: 0 });
    return {
      url: server.url.endsWith('/') ? server.url : `${server.url}/`,
      close: () => server.close(),
      note: '`startMockServer` (mock-server/node)',
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const mockRef: { handle?: (r: Request) => Promise<Response | undefined> } = {};
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new Request(new URL(req.url ?? '/', url), {
        method: req.method ?? 'GET',
        headers,
        ...(body ? { body } : {}),
      });
      const response = (await mockRef.handle!(request)) ?? new Response('not found', { status: 404 });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const mock = createSimpleJwtMock({ baseUrl: url });
    mockRef.handle = (r) => mock.handle(r);
    return {
      url,
      close: () => new Promise((resolve) => server.close(resolve)),
      note: `node:http around \`mock.handle\` (mock-server/node unavailable: ${reason})`,
    };
  }
}

/** The example server through test/support/django.ts when it is there, else `django_minimal.py`. */
async function startDjangoServer(): Promise<Running> {
  let helperError = '';
  try {
    const spec = '../support/django.js';
    const mod = (await import(spec)) as {
      startDjango(
        env?: Record<string, string>,
      ): Promise<{ url: string; stop?(): Promise<unknown> | void; close?(): Promise<unknown> | void }>;
    };
    const server = await mod.startDjango({});
    const url = server.url.endsWith('/') ? server.url : `${server.url}/`;
    return {
      url,
      close: () => (server.stop ?? server.close)?.call(server),
      note: 'examples/django-simplejwt via test/support/django.ts',
    };
  } catch (error) {
    helperError = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
  return startMinimalDjango(helperError);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startMinimalDjango(helperError: string): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-django-'));
  const port = await freePort();
  const script = fileURLToPath(new URL('./django_minimal.py', import.meta.url));
  const child = spawn('/usr/bin/python3', [script, String(port), join(dir, 'db.sqlite3')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Django did not start within 60 s')), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /READY (\S+)/.exec(chunk.toString());
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Django exited with ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`));
      });
    });
    const why = helperError ? ` (test/support/django.ts unavailable: ${helperError})` : '';
    return {
      url,
      close,
      note: `bench/django_minimal.py: Django threaded dev server, default settings and password hasher${why}`,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function serverThroughput(seconds = 4): Promise<ServerRow[]> {
  const rows: ServerRow[] = [];
  for (const [name, start] of [
    ['mock server (Node)', startMock],
    ['Django + SimpleJWT example', startDjangoServer],
  ] as const) {
    let running: Running | undefined;
    try {
      running = await start();
      const { cycles, perSecond, ms } = await throughput(running.url, seconds);
      rows.push({ name, cycles, perSecond, ms, note: running.note });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      rows.push({ name, cycles: null, perSecond: null, ms: null, note: `skipped: ${reason}` });
      console.log(`  ${name}: skipped (${reason})`);
    } finally {
      await running?.close();
    }
  }
  return rows;
}
