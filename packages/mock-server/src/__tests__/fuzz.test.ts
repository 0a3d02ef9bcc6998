import { describe, expect, it } from 'vitest';
import { createSimpleJwtMock } from '../index.js';

/** mulberry32: a small seeded PRNG, so failures reproduce. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = [
  'api/token/',
  'api/token/refresh/',
  'api/token/verify/',
  'api/token/blacklist/',
  'api/token/sliding/',
  'api/token/sliding/refresh/',
  'api/me/',
  'api/public/',
  'api/token/custom/',
  'api/token',
  'api/nope/',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'FOO'];
const TYPES = [
  null,
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'multipart/form-data',
  'text/plain',
  '*/*',
  'application/*',
  'Application/JSON',
  'application/json; charset=latin-1',
];
const ACCEPTS = [
  null,
  '*/*',
  'application/json',
  'text/html',
  'application/xml',
  'application/json; indent=4',
  'text/*;q=0.5, */*;q=0.1',
  '',
];
const PIECES = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  'username',
  'password',
  'refresh',
  'token',
  'alice',
  'alice-password-1',
  'null',
  'true',
  '1e999',
  '-',
  '0',
  'NaN',
  '\\u00e9',
  '\\ud800',
  '\u0000',
  'é',
  ' ',
  '\n',
  '=',
  '&',
  '%ff',
  '--xyz\r\n',
  'Content-Disposition: form-data; name="username"\r\n\r\n',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  '.',
];

function randomBody(rnd: () => number, validTokens: string[]): string | null {
  const r = rnd();
  if (r < 0.1) return null;
  if (r < 0.3) {
    const token = validTokens[Math.floor(rnd() * validTokens.length)] ?? 'x';
    const mutated =
      rnd() < 0.5
        ? token
        : token.slice(0, Math.floor(rnd() * token.length)) + PIECES[Math.floor(rnd() * PIECES.length)];
    return JSON.stringify({ refresh: mutated, token: mutated, username: 'alice', password: 'alice-password-1' });
  }
  let s = '';
  const n = Math.floor(rnd() * 12);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

describe.each(['5.2', '5.5'] as const)('fuzz (SimpleJWT %s)', (version) => {
  it('answers thousands of random requests with well-formed responses', async () => {
    const rnd = prng(20240601);
    const mock = createSimpleJwtMock({ version, baseUrl: 'https://api.example.com/', admin: false });
    const login = await mock.fetch(mock.url('obtain'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":"alice","password":"alice-password-1"}',
    });
    const pair = (await login.json()) as { access: string; refresh: string };
    const tokens = [pair.access, pair.refresh];
    for (let i = 0; i < 3000; i++) {
      const method = METHODS[Math.floor(rnd() * METHODS.length)]!;
      const headers = new Headers();
      const type = TYPES[Math.floor(rnd() * TYPES.length)];
      if (type) headers.set('content-type', type);
      const accept = ACCEPTS[Math.floor(rnd() * ACCEPTS.length)];
      if (accept !== null && accept !== undefined) headers.set('accept', accept);
      if (rnd() < 0.4) {
        const token =
          rnd() < 0.5 ? tokens[Math.floor(rnd() * 2)]! : (randomBody(rnd, tokens) ?? '').replace(/[^\x20-\x7e]/g, '');
        headers.set(
          'authorization',
          `${rnd() < 0.8 ? 'Bearer' : 'bearer'}${' '.repeat(Math.floor(rnd() * 3))}${token}`,
        );
      }
      if (rnd() < 0.1) headers.set('origin', rnd() < 0.5 ? 'http://localhost:5173' : 'http://evil.example');
      const body = method === 'GET' || method === 'HEAD' ? null : randomBody(rnd, tokens);
      const path = PATHS[Math.floor(rnd() * PATHS.length)]!;
      const res = await mock.handle(new Request(`https://api.example.com/${path}`, { method, headers, body }));
      expect(res, `request ${i}`).toBeDefined();
      expect(res!.status, `request ${i}`).toBeGreaterThanOrEqual(200);
      expect(res!.status, `request ${i}`).toBeLessThan(600);
      const text = await res!.text();
      const contentType = res!.headers.get('content-type') ?? '';
      if (method !== 'HEAD' && contentType.startsWith('application/json'))
        expect(() => JSON.parse(text), `request ${i}: ${text}`).not.toThrow();
      // Every body has its length, except where Django 4.2's runserver closes the connection instead.
      const length = res!.headers.get('content-length');
      if (method !== 'HEAD' && (length !== null || res!.headers.get('connection') !== 'close'))
        expect(length, `request ${i}`).toBe(String(Buffer.byteLength(text)));
      // A 500 means the mock models a crash of the real server; those must be the documented ones only.
      if (res!.status === 500) expect(text).toContain('Server Error (500)');
    }
  }, 60_000);
});
