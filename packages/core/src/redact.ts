// Three base64url segments, the first starting like a JSON object: a JWT (or a truncated one).
const jwtPattern = /eyJ[\w-]*\.[\w-]*(?:\.[\w-]*)?/g;

/** Replaces anything that looks like a JWT in `text` with `[redacted]`. */
export function redactText(text: string): string {
  return text.replace(jwtPattern, '[redacted]');
}

/** Replaces anything that looks like a JWT in `value` (strings, nested objects, errors) with `[redacted]`. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 4 || typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, depth + 1)]));
}
