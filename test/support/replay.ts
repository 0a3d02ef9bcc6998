/**
 * Replays recorded scenarios against a mock and compares every step with what the real
 * server sent: status, headers (values and order), bodies, and the shape of issued tokens.
 */
import { createHmac } from 'node:crypto';
import { createSimpleJwtMock, type SimpleJwtMock } from '@simplejwt-client/mock-server';
// Internals, by relative path: the replay inspects tokens and header order the public API does not expose.
import { peekJwtPayload } from '../../packages/mock-server/src/jwt.js';
import { PyFloat, type PyValue } from '../../packages/mock-server/src/py-json/values.js';
import { getRawHeaders } from '../../packages/mock-server/src/wire.js';
import {
  mockOptionsFor,
  resolvePlaceholders,
  type HttpStep,
  type RecordingSet,
  type Scenario,
  type TokenFacts,
} from './recordings.js';

/** The outcome of one replayed step. */
export interface StepResult {
  scenario: string;
  step: string;
  problems: string[];
}

const TIME_CLAIMS = new Set(['exp', 'iat', 'jti', 'refresh_exp']);
/** Claims derived from the salted password hash (`CHECK_REVOKE_TOKEN`): their values differ on every server. */
const PASSWORD_CLAIMS = new Set(['hash_password']);

/**
 * Maps the recorded values of a password-derived claim to the mock's, one to one: equal recorded
 * values must be equal in the mock (copied by refresh, same password hash) and different ones
 * different (a password change).
 */
class ValueCorrespondence {
  private readonly toMock = new Map<unknown, unknown>();
  private readonly toRecorded = new Map<unknown, unknown>();

  /** Returns a problem, or undefined when the pair is consistent with every earlier one. */
  check(recorded: unknown, mine: unknown): string | undefined {
    const known = this.toMock.get(recorded);
    if (known !== undefined && known !== mine) return 'differs where the recorded values are equal';
    const back = this.toRecorded.get(mine);
    if (back !== undefined && back !== recorded) return 'is equal where the recorded values differ';
    this.toMock.set(recorded, mine);
    this.toRecorded.set(mine, recorded);
    return undefined;
  }
}

function jsonType(v: PyValue): string {
  if (typeof v === 'bigint') return 'integer';
  if (v instanceof PyFloat) return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (v === null) return 'null';
  return Array.isArray(v) ? 'array' : 'object';
}

const plain = (v: PyValue | undefined): unknown =>
  typeof v === 'bigint' ? Number(v) : v instanceof PyFloat ? v.value : v;
const titleOf = (html: string): string | undefined => /<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim();

function checkToken(
  name: string,
  token: string,
  facts: TokenFacts,
  nowSec: number,
  requestToken: string | undefined,
  key: string,
  problems: string[],
  passwordClaims: ValueCorrespondence,
): void {
  const p = (msg: string): void => void problems.push(`token ${name}: ${msg}`);
  if (token.length !== facts.length) p(`length ${token.length}, recorded ${facts.length}`);
  const [h, b, sig] = token.split('.');
  if (Buffer.from(h!, 'base64url').toString('utf8') !== facts.header_json) p('header differs');
  const expected = createHmac('sha256', key).update(`${h}.${b}`).digest('base64url');
  if (sig !== expected) p('signature does not verify with the signing key');
  const payload = peekJwtPayload(token);
  if (!payload) return p('payload does not decode');
  const order = [...payload.keys()];
  if (order.join() !== facts.claim_order.join()) p(`claim order ${order.join()}, recorded ${facts.claim_order.join()}`);
  for (const [claim, info] of Object.entries(facts.claims)) {
    const v = payload.get(claim);
    if (v === undefined) continue;
    if (jsonType(v) !== info.type) p(`${claim} is ${jsonType(v)}, recorded ${info.type}`);
    if (PASSWORD_CLAIMS.has(claim)) {
      if (typeof v !== 'string' || !/^[0-9A-F]{32}$/.test(v)) p(`${claim} is not 32 uppercase hex characters`);
      const mismatch = passwordClaims.check(info.value, plain(v));
      if (mismatch) p(`${claim} ${mismatch}`);
    } else if (!TIME_CLAIMS.has(claim) && plain(v) !== info.value)
      p(`${claim}=${String(plain(v))}, recorded ${String(info.value)}`);
  }
  const jti = payload.get('jti');
  if (typeof jti !== 'string' || !/^[0-9a-f]{32}$/.test(jti)) p('jti is not 32 lowercase hex characters');
  const num = (c: string): number => Number(plain(payload.get(c)));
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1;
  const rel = facts.relative_to_request;
  if (!near(num('iat') - Math.floor(nowSec), rel.iat_minus_request_second))
    p(`iat - now = ${num('iat') - Math.floor(nowSec)}, recorded ${rel.iat_minus_request_second}`);
  if (!near(num('exp') - Math.floor(nowSec), rel.exp_minus_request_second))
    p(`exp - now = ${num('exp') - Math.floor(nowSec)}, recorded ${rel.exp_minus_request_second}`);
  if (
    rel.refresh_exp_minus_request_second !== undefined &&
    !near(num('refresh_exp') - Math.floor(nowSec), rel.refresh_exp_minus_request_second)
  ) {
    p('refresh_exp relative to the request differs');
  }
  if (facts.exp_minus_iat !== undefined && !near(num('exp') - num('iat'), facts.exp_minus_iat))
    p(`exp - iat = ${num('exp') - num('iat')}, recorded ${facts.exp_minus_iat}`);
  if (requestToken && (facts.same_as_request_token || facts.time_claims_minus_request_token)) {
    const original = peekJwtPayload(requestToken);
    if (!original) return p('request token does not decode');
    for (const claim of facts.same_as_request_token ?? []) {
      if (plain(original.get(claim)) !== plain(payload.get(claim))) p(`${claim} not copied from the request token`);
    }
    for (const [claim, diff] of Object.entries(facts.time_claims_minus_request_token ?? {})) {
      const mine = num(claim) - Number(plain(original.get(claim)));
      if (!near(mine, diff)) p(`${claim} - request token's = ${mine}, recorded ${diff}`);
    }
  }
}

function compareHeaders(step: HttpStep, raw: [string, string][], htmlPage: boolean, problems: string[]): void {
  const rec = step.response.headers;
  const names = (h: [string, string][]): string => h.map(([k]) => k).join(', ');
  if (names(rec) !== names(raw)) problems.push(`header order/names: got [${names(raw)}], recorded [${names(rec)}]`);
  for (const [name, value] of rec) {
    const mine = raw.filter(([k]) => k.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
    if (mine.length === 0) continue;
    if (name === 'Set-Cookie') {
      const shape = (c: string): string => c.replace(/=[^;]*/g, '=');
      if (!mine.some((m) => shape(m) === shape(value)))
        problems.push(`Set-Cookie shape: got ${mine.join(' | ')}, recorded ${value}`);
      continue;
    }
    if (name === 'Content-Length' && htmlPage) continue;
    if (!mine.includes(value))
      problems.push(`${name}: got ${JSON.stringify(mine.join(' | '))}, recorded ${JSON.stringify(value)}`);
  }
}

/** The token a request submitted (refresh/token field of its body), for `same_as_request_token`. */
function requestTokenOf(body: string | null): string | undefined {
  if (!body) return undefined;
  try {
    const data = JSON.parse(body) as Record<string, unknown>;
    const t = data.refresh ?? data.token;
    return typeof t === 'string' ? t : undefined;
  } catch {
    const m = /(?:^|&)(?:refresh|token)=([^&]*)/.exec(body);
    return m ? decodeURIComponent(m[1]!) : undefined;
  }
}

/** Applies a recorded `action` step (a management command on the real server) to the mock. */
function applyAction(mock: SimpleJwtMock, action: string, params: Record<string, unknown>): void {
  const username = String(params.username);
  if (action === 'set_user_active') mock.control.updateUser(username, { is_active: Boolean(params.is_active) });
  else if (action === 'set_user_password') mock.control.updateUser(username, { password: String(params.password) });
  else if (action === 'delete_user') mock.control.deleteUser(username);
  else throw new Error(`Unknown action ${action}`);
}

/** Replays the scenarios of one configuration file of a recording set in order against one mock. */
export async function replayConfig(set: RecordingSet, config: string, scenarios: Scenario[]): Promise<StepResult[]> {
  let nowMs = 0;
  const options = mockOptionsFor(config, set);
  const passwordClaims = new ValueCorrespondence();
  const mock: SimpleJwtMock = createSimpleJwtMock({ ...options, clock: { now: () => nowMs } });
  const key = mock.settings.SIGNING_KEY;
  const results: StepResult[] = [];
  for (const scenario of scenarios) {
    const firstTime = scenario.steps.flatMap((s) => (s.kind === 'http' && s.tokens ? Object.values(s.tokens) : []))[0]
      ?.relative_to_request.request_time;
    if (firstTime !== undefined && firstTime * 1000 > nowMs) nowMs = firstTime * 1000;
    const bodies = new Map<string, Record<string, unknown>>();
    for (const step of scenario.steps) {
      if (step.kind === 'sleep') {
        nowMs += step.seconds * 1000;
        continue;
      }
      if (step.kind === 'action') {
        applyAction(mock, step.action, step.params);
        continue;
      }
      const problems: string[] = [];
      results.push({ scenario: scenario.id, step: step.id, problems });
      const headers = new Headers();
      for (const [name, value] of step.request.headers) {
        if (name === 'Host' || name === 'Content-Length') continue;
        headers.append(name, resolvePlaceholders(value, bodies));
      }
      const body = step.request.body === null ? null : resolvePlaceholders(step.request.body, bodies);
      const request = new Request(new URL(step.request.path, mock.baseUrl), {
        method: step.request.method,
        headers,
        body,
      });
      const response = await mock.handle(request);
      if (!response) {
        problems.push('mock did not handle the request');
        continue;
      }
      const text = await response.text();
      const raw = getRawHeaders(response) ?? [];
      const recType = step.response.headers.find(([k]) => k === 'Content-Type')?.[1] ?? '';
      const recTitle = titleOf(step.response.body);
      const isBrowsable = recType.startsWith('text/html') && !!recTitle && recTitle.includes('Django REST framework');
      if (response.status !== step.response.status)
        problems.push(`status ${response.status}, recorded ${step.response.status}`);
      if (response.statusText !== step.response.reason)
        problems.push(`reason ${response.statusText}, recorded ${step.response.reason}`);
      compareHeaders(step, raw, isBrowsable, problems);
      if (step.tokens) {
        let data: Record<string, unknown> = {};
        try {
          data = JSON.parse(text) as Record<string, unknown>;
        } catch {
          problems.push(`body is not JSON: ${text.slice(0, 80)}`);
        }
        bodies.set(step.id, data);
        const recorded = JSON.parse(step.response.body) as Record<string, unknown>;
        if (Object.keys(data).join() !== Object.keys(recorded).join())
          problems.push(`body keys ${Object.keys(data).join()}, recorded ${Object.keys(recorded).join()}`);
        for (const [name, facts] of Object.entries(step.tokens)) {
          const token = data[name];
          if (typeof token !== 'string') problems.push(`no ${name} token`);
          else checkToken(name, token, facts, nowMs / 1000, requestTokenOf(body), key, problems, passwordClaims);
        }
      } else if (isBrowsable) {
        if (titleOf(text) !== recTitle) problems.push(`page title ${titleOf(text)}, recorded ${recTitle}`);
      } else if (text !== step.response.body) {
        problems.push(
          `body ${JSON.stringify(text.slice(0, 200))}, recorded ${JSON.stringify(step.response.body.slice(0, 200))}`,
        );
      } else if (recType.startsWith('application/json')) {
        bodies.set(step.id, JSON.parse(text) as Record<string, unknown>);
      }
    }
  }
  return results;
}
