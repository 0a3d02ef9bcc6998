/**
 * Python's value types as its `json` module produces them (big integers, floats kept apart from
 * integers, insertion-ordered dicts) and conversions to and from plain JavaScript values.
 */

/** A Python float, kept apart from integers so that `1.0` and `1` stay distinct. */
export class PyFloat {
  /** The float value. */
  readonly value: number;
  /** Wraps a float value. */
  constructor(value: number) {
    this.value = value;
  }
}

/** A JSON object decoded the way Python does: insertion-ordered, last duplicate wins. */
export type PyDict = Map<string, PyValue>;

/** A value decoded by Python's `json` module. Integers are `bigint`. */
export type PyValue = null | boolean | string | bigint | PyFloat | PyValue[] | PyDict;

/** A `json.JSONDecodeError` or a `ValueError` raised while decoding, with Python's message. */
export class PyJsonError extends Error {
  /** True for errors that Python does not raise as `ValueError` (deep recursion): DRF answers those with a 500. */
  readonly fatal: boolean;
  /** Builds the error from the full Python message. */
  constructor(message: string, fatal = false) {
    super(message);
    this.name = 'PyJsonError';
    this.fatal = fatal;
  }
}

/** Converts a plain JavaScript JSON-like value into a Python value (integral numbers become ints). */
export function toPy(value: unknown): PyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string' || typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : new PyFloat(value);
  if (value instanceof PyFloat) return value;
  if (Array.isArray(value)) return value.map(toPy);
  if (value instanceof Map) return value as PyDict;
  const out: PyDict = new Map();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out.set(k, toPy(v));
  return out;
}

/** Converts a Python value into a plain JavaScript value (ints as numbers when exact, else as strings). */
export function fromPy(value: PyValue): unknown {
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(fromPy);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[k] = fromPy(v);
    return out;
  }
  return value;
}
