/**
 * Proof that refresh tokens are dead: each one is presented to the real server's refresh endpoint,
 * directly (not through the proxy or a client).
 */

/** How the real refresh endpoint answered one probed token. */
export interface ProbeResult {
  /** Index of the token in the probed list. */
  token: number;
  status: number;
  detail?: string;
}

/** POSTs `body` as JSON to `path` on `upstream` and returns the status and the parsed body (or text). */
async function post(upstream: string, path: string, body: object) {
  const response = await fetch(new URL(path, upstream), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) as Record<string, unknown>, text };
  } catch {
    return { status: response.status, json: {}, text };
  }
}

/**
 * Presents every token on the real server's refresh endpoint and returns the answers. A rejected
 * token gets 401; anything else means the server still took it. With rotation the probe consumes
 * a live token, and blacklists the fresh one it got (it belongs to no one).
 */
export async function probeRefreshTokens(upstream: string, tokens: readonly string[]): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const [index, refresh] of tokens.entries()) {
    const { status, json, text } = await post(upstream, 'api/token/refresh/', { refresh });
    if (typeof json.refresh === 'string') await post(upstream, 'api/token/blacklist/', { refresh: json.refresh });
    const detail = typeof json.detail === 'string' ? json.detail : status === 200 ? undefined : text.slice(0, 80);
    results.push({ token: index, status, ...(detail === undefined ? {} : { detail }) });
  }
  return results;
}

/** The probe results of tokens the server did not reject with 401. */
export function accepted(results: readonly ProbeResult[]): ProbeResult[] {
  return results.filter((result) => result.status !== 401);
}
