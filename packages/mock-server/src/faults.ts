/**
 * Injected faults: latency, error statuses (with an nginx-style HTML page or a custom
 * body) and network errors, per endpoint, for a number of requests.
 */
import { nginxErrorPage } from './drf/render.js';
import type { EndpointName } from './handlers/types.js';
import { byteLength, reasonOf, type WireResponse } from './wire.js';

/** A fault to inject. */
export interface FaultSpec {
  /** The endpoint it hits, or `'*'` for every request the mock handles. */
  endpoint: EndpointName | '*';
  /** How many requests it affects (default 1). */
  times?: number;
  /** Answer with this status instead of processing the request (default 502 when `body` is set). */
  status?: number;
  /** `'html-502'` for nginx's "502 Bad Gateway" page, or a literal body (JSON if it parses, else text). */
  body?: 'html-502' | string;
  /** Fail like a dropped connection: `fetch` rejects with `TypeError`. */
  network?: boolean;
  /** Wait this long first (with the injected `sleep`); alone, the request is then processed normally. */
  latencyMs?: number;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
}

/** The queue of pending faults. */
export class FaultQueue {
  private faults: ActiveFault[] = [];

  /** Adds a fault; throws on a non-positive count or an invalid status. */
  add(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new TypeError('times must be a positive integer');
    if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 200 || spec.status > 599)) {
      throw new TypeError('status must be an HTTP status between 200 and 599');
    }
    this.faults.push({ ...spec, remaining: times });
  }

  /** Takes one use of the first fault matching the endpoint, if any. */
  take(endpoint: EndpointName | null): FaultSpec | undefined {
    const f = this.faults.find((x) => x.endpoint === '*' || x.endpoint === endpoint);
    if (!f) return undefined;
    if (--f.remaining === 0) this.faults = this.faults.filter((x) => x !== f);
    return f;
  }

  /** Removes every pending fault. */
  clear(): void {
    this.faults = [];
  }

  /** Pending faults with their remaining counts. */
  pending(): (FaultSpec & { remaining: number })[] {
    return this.faults.map((f) => ({ ...f }));
  }
}

/** The response of a status fault, or undefined for latency-only and network faults. */
export function faultResponse(f: FaultSpec): WireResponse | undefined {
  if (f.network || (f.status === undefined && f.body === undefined)) return undefined;
  const status = f.status ?? 502;
  let body: string;
  let type: string;
  if (f.body === undefined || f.body === 'html-502') {
    body = nginxErrorPage(status, reasonOf(status));
    type = 'text/html';
  } else {
    body = f.body;
    type = isJson(body) ? 'application/json' : 'text/plain; charset=utf-8';
  }
  return {
    status,
    headers: [
      ['Content-Type', type],
      ['Content-Length', String(byteLength(body))],
    ],
    body,
    cookies: [],
  };
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
