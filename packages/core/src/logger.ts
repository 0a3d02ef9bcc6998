import type { Logger } from './types.js';

// Three base64url segments, the first starting like a JSON object: a JWT (or a truncated one).
const jwtPattern = /eyJ[\w-]*\.[\w-]*(?:\.[\w-]*)?/g;

/** Replaces anything that looks like a JWT in `value` (strings, nested objects, errors) with `[redacted]`. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(jwtPattern, '[redacted]');
  if (depth > 4 || typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, depth + 1)]));
}

const silent: Logger = { debug() {}, warn() {}, error() {} };

/** Wraps the user's logger option so every message and payload is redacted. */
export function createLogger(option: Logger | boolean | undefined): Logger {
  const target = option === true ? globalThis.console : option || silent;
  const wrap =
    (level: keyof Logger) =>
    (message: string, data?: unknown): void => {
      const text = `[simplejwt-client] ${redact(message) as string}`;
      if (data === undefined) target[level](text);
      else target[level](text, redact(data));
    };
  return { debug: wrap('debug'), warn: wrap('warn'), error: wrap('error') };
}
