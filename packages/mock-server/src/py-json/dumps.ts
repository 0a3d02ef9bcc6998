/** Python's `json.dumps` (compact separators) and its float formatting. */
import { PyFloat, type PyValue } from './values.js';

/** Python's `str(float)`. */
export function pyFloatStr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e16 || abs < 1e-4) {
    const [mant, exp] = x.toExponential().split('e') as [string, string];
    const n = Number(exp);
    return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const str = String(x);
  return str.includes('.') ? str : `${str}.0`;
}

/** Python's `repr(float)` as json.dumps writes it: like `str(float)`, with JSON's names for the non-finite values. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return pyFloatStr(x);
}

function escapeString(str: string, ensureAscii: boolean): string {
  let out = '"';
  for (const ch of str) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20 || (ensureAscii && cp > 0x7e)) {
      if (cp > 0xffff) {
        const v = cp - 0x10000;
        out += `\\u${(0xd800 + (v >> 10)).toString(16)}\\u${(0xdc00 + (v & 0x3ff)).toString(16)}`;
      } else {
        out += `\\u${cp.toString(16).padStart(4, '0')}`;
      }
    } else out += ch;
  }
  return `${out}"`;
}

/** Options for {@link pyJsonDumps}. */
export interface PyJsonDumpOptions {
  /** Python's `ensure_ascii` (PyJWT leaves it on; DRF's renderer turns it off). */
  ensureAscii: boolean;
}

/** Python's `json.dumps(value, separators=(",", ":"))` for the given `ensure_ascii`. */
export function pyJsonDumps(value: PyValue, options: PyJsonDumpOptions): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return escapeString(value, options.ensureAscii);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (Array.isArray(value)) return `[${value.map((v) => pyJsonDumps(v, options)).join(',')}]`;
  const parts: string[] = [];
  for (const [k, v] of value) parts.push(`${escapeString(k, options.ensureAscii)}:${pyJsonDumps(v, options)}`);
  return `{${parts.join(',')}}`;
}
