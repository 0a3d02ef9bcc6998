import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimpleJwtMock } from '../mock.js';
import { serveWithMock, startMockServer } from '../node.js';

/** A raw HTTP request, to see headers in wire order. */
function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; raw: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, raw: res.rawHeaders, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('serveWithMock', () => {
  it('answers under the base path and leaves other requests, body unread, to the caller', async () => {
    let mock: ReturnType<typeof createSimpleJwtMock> | undefined;
    const server = createServer((req, res) => {
      void serveWithMock(mock!, req, res).then(async (served) => {
        if (served) return;
        let body = '';
        for await (const chunk of req) body += String(chunk);
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`app got ${req.method} ${req.url} ${body}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mock = createSimpleJwtMock({ baseUrl: `${origin}/auth/` });
    try {
      const login = await rawRequest(
        `${origin}/auth/api/token/`,
        'POST',
        { 'content-type': 'application/json' },
        '{"username":"alice","password":"alice-password-1"}',
      );
      expect(login.status).toBe(200);
      expect(Object.keys(JSON.parse(login.body) as object)).toEqual(['refresh', 'access']);
      const other = await rawRequest(`${origin}/page`, 'POST', { 'content-type': 'text/plain' }, 'hello');
      expect(other).toMatchObject({ status: 200, body: 'app got POST /page hello' });
      expect(mock.control.requests.map((r) => r.endpoint)).toEqual(['obtain']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('standalone server', () => {
  it('checks the options before binding the port: bad settings leave the port free', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await expect(startMockServer({ port, settings: { NOT_A_SETTING: 1 } as never })).rejects.toMatchObject({
      name: 'MockConfigError',
      code: 'unknown_setting',
      setting: 'NOT_A_SETTING',
    });
    const server = await startMockServer({ port });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${port}/`);
    } finally {
      await server.close();
    }
  });

  it('serves the endpoints over real HTTP with Django header order and CORS', async () => {
    const server = await startMockServer({ port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const r = await rawRequest(
        `${server.url}api/token/`,
        'POST',
        { 'content-type': 'application/json', origin: 'http://localhost:5173' },
        '{"username":"alice","password":"alice-password-1"}',
      );
      expect(r.status).toBe(200);
      const names = r.raw
        .filter((_, i) => i % 2 === 0)
        .filter((n) => !['Date', 'Connection', 'Keep-Alive'].includes(n));
      expect(names).toEqual([
        'Content-Type',
        'Vary',
        'Allow',
        'X-Frame-Options',
        'Content-Length',
        'X-Content-Type-Options',
        'Referrer-Policy',
        'Cross-Origin-Opener-Policy',
        'access-control-allow-origin',
        'access-control-allow-credentials',
      ]);
      const { access } = JSON.parse(r.body) as { access: string };
      const me = await fetch(`${server.url}api/me/`, { headers: { authorization: `Bearer ${access}` } });
      expect(await me.json()).toEqual({ id: 1, username: 'alice', email: 'alice@example.com' });
      server.mock.control.fail({ endpoint: 'me', network: true });
      await expect(fetch(`${server.url}api/me/`)).rejects.toThrow(TypeError);
    } finally {
      await server.close();
    }
  });
});
