/**
 * A `fetch` backed by the mock's `handle`, with fetch's redirect rules.
 */

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Builds a `fetch` that serves requests with `handle`. */
export function mockFetch(handle: (request: Request) => Promise<Response | undefined>): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let request = new Request(input, init);
    for (let hops = 0; hops <= 20; hops++) {
      const original = request.clone();
      const res = await handle(request);
      if (!res || res.type === 'error') throw new TypeError('Failed to fetch');
      const location = res.headers.get('location');
      if (!REDIRECTS.has(res.status) || location === null || request.redirect === 'manual') return res;
      if (request.redirect === 'error') throw new TypeError('Failed to fetch');
      // Fetch turns POST into GET on 301/302, and anything but HEAD into GET on 303.
      const toGet =
        (res.status === 303 && original.method !== 'HEAD') ||
        ((res.status === 301 || res.status === 302) && original.method === 'POST');
      const headers = new Headers(original.headers);
      if (toGet)
        for (const h of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'])
          headers.delete(h);
      request = new Request(new URL(location, original.url), {
        method: toGet ? 'GET' : original.method,
        headers,
        body: toGet || original.method === 'GET' || original.method === 'HEAD' ? null : await original.arrayBuffer(),
        redirect: original.redirect,
      });
    }
    throw new TypeError('Failed to fetch');
  };
}
