import { createSimpleJwtMock, type SimpleJwtMockOptions } from '../index.js';

/** A mock on a manual clock, with helpers to call it. */
export function setup(options: SimpleJwtMockOptions = {}) {
  const clock = { t: 1_800_000_000_000, now: () => clock.t };
  const mock = createSimpleJwtMock({ baseUrl: 'https://api.example.com/', clock, ...options });
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json', ...headers } };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await mock.fetch(new URL(path, mock.baseUrl), init);
    return { res, status: res.status, text: await res.text() };
  };
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await mock.fetch(new URL(path, mock.baseUrl), { headers });
    return { res, status: res.status, text: await res.text() };
  };
  const login = async (username = 'alice', password = 'alice-password-1') => {
    const r = await post('api/token/', { username, password });
    return JSON.parse(r.text) as { access: string; refresh: string };
  };
  return { mock, clock, post, get, login };
}

/** Decodes a JWT payload. */
export function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
