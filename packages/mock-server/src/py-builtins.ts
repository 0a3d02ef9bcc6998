/**
 * The few Python built-ins whose exact behaviour shows on the wire: `str()`, `int()`,
 * `str.strip()` and `type(x).__name__`.
 */
import { pyFloatStr } from './py-json/dumps.js';
import { PyFloat, type PyValue } from './py-json/values.js';

// str.isspace() in Python: Unicode White_Space plus the ASCII information separators.
const PY_WHITESPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
  0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Python's `str.strip()` with no arguments. */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && PY_WHITESPACE.has(s.charCodeAt(start))) start++;
  while (end > start && PY_WHITESPACE.has(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

function reprStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's `repr()` of a decoded JSON value. */
export function pyRepr(v: PyValue): string {
  if (typeof v === 'string') return reprStr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${reprStr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return pyStr(v);
}

/** Python's `str()` of a decoded JSON value. */
export function pyStr(v: PyValue): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof PyFloat) return pyFloatStr(v.value);
  return pyRepr(v);
}

/** Python's `type(v).__name__`. */
export function pyTypeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'bigint') return 'int';
  if (v instanceof PyFloat) return 'float';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

/** The outcome of Python's `int(v)`: the value, or the exception class it raises. */
export type PyIntResult =
  | { ok: true; value: bigint }
  | { ok: false; error: 'ValueError' | 'TypeError' | 'OverflowError' };

/** Python's `int(v)` for a decoded JSON value. */
export function pyInt(v: PyValue): PyIntResult {
  if (typeof v === 'boolean') return { ok: true, value: v ? 1n : 0n };
  if (typeof v === 'bigint') return { ok: true, value: v };
  if (v instanceof PyFloat) {
    if (Number.isNaN(v.value)) return { ok: false, error: 'ValueError' };
    if (!Number.isFinite(v.value)) return { ok: false, error: 'OverflowError' };
    return { ok: true, value: BigInt(Math.trunc(v.value)) };
  }
  if (typeof v === 'string') {
    const t = pyStrip(v);
    if (!/^[+-]?\d+(_\d+)*$/.test(t)) return { ok: false, error: 'ValueError' };
    return { ok: true, value: BigInt(t.replace(/_/g, '')) };
  }
  return { ok: false, error: 'TypeError' };
}

/** The numeric value of a Python int, float or bool, or undefined for other types. */
export function pyNumber(v: PyValue): number | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyFloat) return v.value;
  return undefined;
}

/** Python's `bool(v)` for a decoded JSON value (`None`, `False`, `0`, `0.0`, `''`, `[]`, `{}` are false). */
export function pyTruthy(v: PyValue): boolean {
  if (v === null || v === false || v === '') return false;
  if (typeof v === 'bigint') return v !== 0n;
  if (v instanceof PyFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  return true;
}
