/**
 * The differential harness: one scenario script runs against a real Django server (from
 * examples/django-simplejwt) and against the mock configured the same way; statuses, bodies,
 * key headers, cookies and token shapes must agree.
 */
import { createHmac } from 'node:crypto';
import { createSimpleJwtMock, type SimpleJwtMock, type SimpleJwtMockOptions } from '@simplejwt-client/mock-server';
import { startDjango, type DjangoEnv, type SimpleJwtVersion } from '../support/django.js';

/** The signing key both servers use. */
export const KEY = 'differential-signing-key-0123456789abcdef';
/** The JSON content type header. */
export const JSON_HEADERS = { 'content-type': 'application/json' };

/** JSON bodies of earlier steps, by step name. */
export type Bodies = Map<string, Record<string, string>>;
/** Cookies the client holds, by name (what a browser would send back). */
export type Jar = Map<string, string>;

/** A request of the script, or an action on the server's database between requests. */
export interface Step {
  name: string;
  method?: string;
  path?: string;
  headers?: (b: Bodies, jar: Jar) => Record<string, string>;
  body?: string | ((b: Bodies) => string);
  /** Sends the cookie jar along (what a browser does on a same-site request). */
  withCookies?: boolean;
  /** A management command instead of a request: `set_user_active dave false`, `set_user_password …`, `delete_user …`. */
  action?: string[];
}

interface Target {
  send(step: Step, bodies: Bodies, jar: Jar): Promise<Response>;
  act(args: string[]): Promise<void>;
}

interface Observed {
  status: number;
  headers: Record<string, string | null>;
  cookies: string[];
  text: string;
}

/** `body.FIELD` of an earlier step (or 'missing'). */
export const tok =
  (name: string, field: string) =>
  (b: Bodies): string =>
    b.get(name)?.[field] ?? 'missing';
/** An `Authorization: Bearer` header with a token of an earlier step. */
export const bearer =
  (name: string, field: string, scheme = 'Bearer') =>
  (b: Bodies) => ({
    authorization: `${scheme} ${tok(name, field)(b)}`,
  });
/** A POST step. */
export const post = (
  name: string,
  path: string,
  body: Step['body'],
  headers: Step['headers'] = () => JSON_HEADERS,
): Step => ({ name, method: 'POST', path, body, headers });

/** A JWT signed with {@link KEY}, header and payload given as exact JSON text (for PyJWT's header and claim checks). */
export function craftJwt(headerJson: string, payloadJson: string): string {
  const part = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
  const input = `${part(headerJson)}.${part(payloadJson)}`;
  return `${input}.${createHmac('sha256', KEY).update(input).digest('base64url')}`;
}

/** {@link craftJwt} with SimpleJWT's header and a payload object. */
export const crafted = (payload: Record<string, unknown>): string =>
  craftJwt('{"alg":"HS256","typ":"JWT"}', JSON.stringify(payload));

const COMPARED_HEADERS = [
  'content-type',
  'www-authenticate',
  'allow',
  'vary',
  'location',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'x-frame-options',
  'cross-origin-opener-policy',
  'content-length',
];

/** Updates the jar from `Set-Cookie` headers, as a browser would (an expired cookie is removed). */
function store(jar: Jar, cookies: string[]): void {
  for (const c of cookies) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    if (/max-age=0/i.test(c) || value === '""') jar.delete(name);
    else jar.set(name, value);
  }
}

/** Runs `steps` in order; `beforeStep` sees each step's index before it is sent. */
async function runScript(
  target: Target,
  steps: Step[],
  beforeStep: (index: number) => void,
): Promise<Map<string, Observed>> {
  const bodies: Bodies = new Map();
  const jar: Jar = new Map();
  const out = new Map<string, Observed>();
  for (const [index, step] of steps.entries()) {
    beforeStep(index);
    if (step.action) {
      await target.act(step.action);
      continue;
    }
    const res = await target.send(step, bodies, jar);
    const text = await res.text();
    const headers: Record<string, string | null> = {};
    for (const h of COMPARED_HEADERS) headers[h] = res.headers.get(h);
    // A token in the body changes Content-Length only by its claims, which are compared on their own;
    // the mock's browsable-API page is simpler markup with the same title.
    if (/"eyJ/.test(text) || text.includes('Django REST framework')) headers['content-length'] = null;
    const cookies = res.headers.getSetCookie();
    store(jar, cookies);
    // `step.cookies.NAME` refers to a cookie this step set (like a browser that kept an old copy).
    bodies.set(
      `${step.name}.cookies`,
      Object.fromEntries(cookies.map((c) => c.split(';')[0]!.split(/=(.*)/s).slice(0, 2) as [string, string])),
    );
    out.set(step.name, { status: res.status, headers, cookies, text });
    try {
      bodies.set(step.name, JSON.parse(text) as Record<string, string>);
    } catch {
      // Not JSON: nothing to reference later.
    }
  }
  return out;
}

const DYNAMIC_CLAIMS = ['exp', 'iat', 'jti', 'refresh_exp', 'hash_password'];

function claimShape(token: string): unknown {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const shape = Object.entries(payload).map(([k, v]) => [k, typeof v, DYNAMIC_CLAIMS.includes(k) ? null : v]);
  return { shape, lifetime: (payload.exp as number) - (payload.iat as number), length: token.length };
}

/** A cookie's shape: name, whether it has a value and which attributes (values of dates and tokens left out). */
function cookieShape(cookie: string): string {
  return cookie
    .split(';')
    .map((part, i) => {
      const [k, v = ''] = part.trim().split('=');
      if (i === 0) return `${k}=${v === '' || v === '""' ? 'empty' : `<${v.length > 40 ? 'jwt' : v.length}>`}`;
      return /^expires$/i.test(k!) ? 'expires=<date>' : part.trim();
    })
    .join('; ');
}

function normalise(o: Observed): unknown {
  let body: unknown = o.text;
  try {
    const data = JSON.parse(o.text) as Record<string, unknown>;
    body = Object.fromEntries(
      Object.entries(data).map(([k, v]) => [
        k,
        typeof v === 'string' && v.split('.').length === 3 && v.startsWith('eyJ')
          ? claimShape(v)
          : /_expiration$/.test(k) && typeof v === 'string'
            ? `<datetime ${v.length}>`
            : v,
      ]),
    );
    body = { keys: Object.keys(data), body };
  } catch {
    const title = /<title>([^<]*)<\/title>/.exec(o.text)?.[1];
    if (title?.includes('Django REST framework')) body = { browsableTitle: title };
  }
  return { status: o.status, headers: o.headers, cookies: o.cookies.map(cookieShape), body };
}

/** One differential run: a real server and a mock configured alike. */
export interface Differential {
  /** SimpleJWT version of the real server (and the mock). */
  version: SimpleJwtVersion;
  /** Environment of the example project. */
  env: DjangoEnv;
  /** Mock options besides version, base URL, signing key, CORS and clock. */
  mock: Omit<SimpleJwtMockOptions, 'version' | 'baseUrl' | 'clock'>;
  /** The script. */
  steps: Step[];
}

function build(baseUrl: string, step: Step, bodies: Bodies, jar: Jar): Request {
  const headers: Record<string, string> = { ...step.headers?.(bodies, jar) };
  if (step.withCookies && jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const init: RequestInit = { method: step.method ?? 'GET', headers, redirect: 'manual' };
  if (step.body !== undefined) init.body = typeof step.body === 'string' ? step.body : step.body(bodies);
  return new Request(new URL(step.path ?? '', baseUrl), init);
}

function mockAction(mock: SimpleJwtMock, [command, username, value]: string[]): void {
  if (command === 'set_user_active') mock.control.updateUser(username!, { is_active: value === 'true' });
  else if (command === 'set_user_password') mock.control.updateUser(username!, { password: value! });
  else if (command === 'delete_user') mock.control.deleteUser(username!);
  else throw new Error(`Unknown action ${command}`);
}

/** Runs the script against the real server, then against the mock on the real run's timing; returns the mismatches and the step count. */
export async function runDifferential(d: Differential): Promise<{ mismatches: string[]; steps: number }> {
  const django = await startDjango(
    {
      SJWT_SIGNING_KEY: KEY,
      SJWT_CORS_ALLOWED_ORIGINS: 'http://localhost:5173',
      SJWT_FAST_PASSWORD_HASHER: 'true',
      ...d.env,
    },
    d.version,
  );
  // The mock replays the real run's timing, so token ages (and exp - iat of refreshed access
  // tokens, which keep the refresh token's iat) match however slowly Django answered.
  let mockNow = Date.now();
  const mock = createSimpleJwtMock({
    ...d.mock,
    version: d.version,
    baseUrl: django.url,
    settings: { ...d.mock.settings, SIGNING_KEY: KEY },
    cors: { allowedOrigins: ['http://localhost:5173'] },
    clock: { now: () => mockNow },
  });
  const sentAt: number[] = [];
  let real: Map<string, Observed>;
  try {
    real = await runScript(
      {
        send: (step, bodies, jar) => fetch(build(django.url, step, bodies, jar)),
        act: (args) => django.manage(...args),
      },
      d.steps,
      (index) => (sentAt[index] = Date.now()),
    );
  } finally {
    await django.stop();
  }
  const mocked = await runScript(
    {
      send: async (step, bodies, jar) => (await mock.handle(build(mock.baseUrl, step, bodies, jar)))!,
      act: async (args) => mockAction(mock, args),
    },
    d.steps,
    (index) => (mockNow = sentAt[index]!),
  );
  const mismatches: string[] = [];
  for (const [name, observed] of real) {
    const a = JSON.stringify(normalise(observed));
    const b = JSON.stringify(normalise(mocked.get(name)!));
    // exp - iat of an access token made by refresh depends on the refresh token's age: allow one second.
    const lifetimes = (s: string): number[] => [...s.matchAll(/"lifetime":(-?\d+)/g)].map((m) => Number(m[1]));
    const strip = (s: string): string => s.replace(/"lifetime":-?\d+/g, '"lifetime":_');
    const la = lifetimes(a);
    const lb = lifetimes(b);
    const sameLifetimes = la.length === lb.length && la.every((x, i) => Math.abs(x - lb[i]!) <= 1);
    if (strip(a) !== strip(b) || !sameLifetimes)
      mismatches.push(`${name}\n  django: ${a.slice(0, 700)}\n  mock:   ${b.slice(0, 700)}`);
  }
  return { mismatches, steps: real.size };
}
