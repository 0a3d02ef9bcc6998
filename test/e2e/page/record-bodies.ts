/**
 * Wraps the page's `fetch` so every response body its scripts receive is recorded (the client
 * reads `globalThis.fetch` at call time); returns the recorded bodies, for "no token reached the
 * page" checks.
 */
export function recordResponseBodies(): string[] {
  const bodies: string[] = [];
  const pageFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await pageFetch(input, init);
    response
      .clone()
      .text()
      .then(
        (text) => bodies.push(text),
        () => undefined,
      );
    return response;
  };
  return bodies;
}
