/**
 * The control API over HTTP, under `__mock__/` (only when `admin: true`). JSON in, JSON out.
 *
 * | Method | Path | Body | Effect |
 * | --- | --- | --- | --- |
 * | GET | `requests[?endpoint=name]` | | `{count, requests}` |
 * | DELETE | `requests` | | clears the log |
 * | POST | `reset` | | `control.reset()` |
 * | POST | `users` | a user | `control.addUser` |
 * | PATCH | `users/<username>` | a patch | `control.updateUser` |
 * | DELETE | `users/<username>` | | `control.deleteUser` |
 * | POST | `users/<username>/blacklist-tokens` | | `{blacklisted: n}` |
 * | POST | `users/<username>/expire-tokens` | | `{expired: n}` |
 * | GET | `clock` | | `{now, offsetMs}` |
 * | POST | `clock` | `{advanceMs}` or `{offsetMs}` | moves the clock |
 * | GET / POST / DELETE | `faults` | a fault spec (POST) | lists, adds, clears faults |
 */
import type { MockControl } from './control.js';
import type { FaultSpec } from './faults.js';
import type { EndpointName } from './handlers/types.js';
import type { MockUser } from './users.js';
import { byteLength, type WireResponse } from './wire.js';

function json(status: number, data: unknown): WireResponse {
  const body = JSON.stringify(data);
  return {
    status,
    headers: [
      ['Content-Type', 'application/json'],
      ['Content-Length', String(byteLength(body))],
    ],
    body,
    cookies: [],
  };
}

async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError('Expected a JSON object');
  return value as Record<string, unknown>;
}

/** Handles an admin request; `route` is the path after `__mock__/`. */
export async function handleAdmin(request: Request, route: string, control: MockControl): Promise<WireResponse> {
  const method = request.method.toUpperCase();
  const parts = route.split('/').filter(Boolean);
  try {
    const [head, name, action] = parts;
    if (head === 'requests' && parts.length === 1) {
      if (method === 'DELETE') {
        control.clearRequests();
        return json(200, {});
      }
      if (method === 'GET') {
        const endpoint = new URL(request.url).searchParams.get('endpoint');
        const requests = control.requests.filter((r) => endpoint === null || r.endpoint === endpoint);
        return json(200, { count: requests.length, requests });
      }
    }
    if (head === 'reset' && parts.length === 1 && method === 'POST') {
      control.reset();
      return json(200, {});
    }
    if (head === 'users') {
      if (parts.length === 1 && method === 'POST') {
        control.addUser((await readJson(request)) as unknown as MockUser);
        return json(201, {});
      }
      if (parts.length === 2 && method === 'PATCH') {
        control.updateUser(name!, await readJson(request));
        return json(200, control.getUser(name!) ?? {});
      }
      if (parts.length === 2 && method === 'DELETE') {
        control.deleteUser(name!);
        return json(200, {});
      }
      if (parts.length === 3 && method === 'POST' && action === 'blacklist-tokens')
        return json(200, { blacklisted: control.blacklistUserTokens(name!) });
      if (parts.length === 3 && method === 'POST' && action === 'expire-tokens')
        return json(200, { expired: control.expireUserTokens(name!) });
    }
    if (head === 'clock' && parts.length === 1) {
      if (method === 'POST') {
        const body = await readJson(request);
        if (typeof body.advanceMs === 'number') control.advanceClock(body.advanceMs);
        else if (typeof body.offsetMs === 'number') control.setClockOffset(body.offsetMs);
        else return json(400, { detail: 'Send {"advanceMs": n} or {"offsetMs": n}' });
      }
      if (method === 'POST' || method === 'GET') return json(200, { now: control.now() });
    }
    if (head === 'faults' && parts.length === 1) {
      if (method === 'GET') return json(200, { faults: control.pendingFaults() });
      if (method === 'DELETE') {
        control.clearFaults();
        return json(200, {});
      }
      if (method === 'POST') {
        const spec = await readJson(request);
        control.fail(spec as unknown as FaultSpec & { endpoint: EndpointName });
        return json(201, {});
      }
    }
    return json(404, { detail: `No admin route ${method} __mock__/${route}` });
  } catch (e) {
    return json(400, { detail: e instanceof Error ? e.message : String(e) });
  }
}
