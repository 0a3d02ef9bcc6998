/**
 * Checks of the real-server suite: plain views of errors and events for exact assertions, the
 * "session ended by the server" expectation, and continuous use of a client with its refresh rate.
 */
import type { AuthEvent } from '@simplejwt-client/core';
import { expect as globalExpect } from 'vitest';
import type { CountingProxy } from './counting-proxy.js';
import { type Settled, type TestClient, settle, sleep } from './real-server.js';

/** A plain view of an error for exact assertions: its class name, code, and (when present) reason and status. */
export function errorView(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { thrown: String(error) };
  const { code, reason, status } = error as Error & { code?: unknown; reason?: unknown; status?: unknown };
  return { name: error.name, code, reason, status };
}

/** A settled call as a plain value: `resolved HTTP <status>` for a response, else {@link errorView}. */
export function outcomeView(outcome: Settled<unknown>): unknown {
  if (!outcome.ok) return errorView(outcome.error);
  return `resolved ${outcome.value instanceof Response ? `HTTP ${outcome.value.status}` : String(outcome.value)}`;
}

/** The `session-expired` events among `events`, as {@link errorView}s of their errors. */
export function sessionExpiredEvents(events: readonly AuthEvent[]): Array<Record<string, unknown>> {
  return events.flatMap((event) => (event.type === 'session-expired' ? [errorView(event.error)] : []));
}

/** What {@link expectSessionEnded} checks. */
export interface SessionEnd {
  /** How the call that found out ended. */
  outcome: Settled<unknown>;
  /** The server's code the session ended with. */
  reason: string;
  /** The client that made that call. */
  finder: TestClient;
  /** Other clients on the same storage. */
  others?: TestClient[];
  /** The proxy's log, for failure messages. */
  log?: string;
  /** The test context's `expect` in concurrent tests. */
  expect?: typeof globalExpect;
}

/**
 * Asserts (softly, so every difference shows) that the server ended the session: the call that
 * found out rejected with `SessionExpiredError` carrying `reason`; every client is logged out with
 * empty storage; the finder emitted exactly one `session-expired` event, with that reason.
 */
export async function expectSessionEnded(end: SessionEnd): Promise<void> {
  const { outcome, reason, finder, others = [], log = '', expect = globalExpect } = end;
  const expected = { name: 'SessionExpiredError', code: 'session_expired', reason };
  expect.soft(outcomeView(outcome), `the call that found out\n${log}`).toMatchObject(expected);
  for (const client of [finder, ...others]) {
    expect.soft(client.auth.getState().status, 'status').toBe('unauthenticated');
    expect.soft((await client.stored()) === null ? null : 'a stored session', 'storage').toBeNull();
  }
  expect
    .soft(sessionExpiredEvents(finder.events), 'session-expired events')
    .toEqual([expect.objectContaining(expected)]);
}

/** What continuous use of a client produced. */
export interface Usage {
  /** Calls made. */
  calls: number;
  /** Each call that did not answer 200: its status, or the error's class and code. */
  failed: string[];
  /** Refresh requests the proxy saw meanwhile. */
  refreshes: number;
  /** API requests the server answered 401 meanwhile (each retried after a refresh: not failed calls). */
  rejected: number;
  /** How long the use lasted, in ms. */
  ms: number;
}

/**
 * Uses `auth` like a busy page for `ms`: one `GET api/me/` after another, `gapMs` apart, and
 * returns the calls, the failures and the refresh requests `proxy` saw meanwhile.
 */
export async function useContinuously(
  proxy: CountingProxy,
  auth: TestClient['auth'],
  ms: number,
  gapMs = 50,
): Promise<Usage> {
  const refreshesBefore = proxy.count('refresh');
  const rejectedBefore = proxy.count('api', 401);
  const started = Date.now();
  const failed: string[] = [];
  let calls = 0;
  while (Date.now() - started < ms) {
    calls += 1;
    const outcome = await settle(auth.fetch('api/me/'));
    if (!outcome.ok || outcome.value.status !== 200) failed.push(JSON.stringify(outcomeView(outcome)));
    await sleep(gapMs);
  }
  const refreshes = proxy.count('refresh') - refreshesBefore;
  return { calls, failed, refreshes, rejected: proxy.count('api', 401) - rejectedBefore, ms: Date.now() - started };
}

/** Refreshes per access-token lifetime during `usage`, and a one-line summary of it. */
export function refreshRate(usage: Usage, lifetimeMs: number): { rate: number; summary: string } {
  const rate = usage.refreshes / (usage.ms / lifetimeMs);
  const summary = `${usage.refreshes} refreshes, ${usage.calls} calls (${usage.rejected} answered 401, then retried) in ${usage.ms} ms: ${rate.toFixed(2)} refreshes per lifetime`;
  return { rate, summary };
}
