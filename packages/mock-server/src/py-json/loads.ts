/**
 * Python's `json.loads` as Django REST Framework and PyJWT use it: the C scanner's error messages
 * (with line, column and char position counted in code points) and Python's value types.
 */
import { PyFloat, PyJsonError, type PyDict, type PyValue } from './values.js';

/** Options for {@link pyJsonLoads}. */
export interface PyJsonLoadOptions {
  /** DRF's `strict_constant`: NaN and Infinity raise instead of decoding. */
  strictConstants?: boolean;
}

const WS = new Set([' ', '\t', '\n', '\r']);
// CPython's recursion limit is 1000 frames; Django and DRF already use part of it.
const MAX_DEPTH = 900;
const MAX_INT_DIGITS = 4300;

function errorAt(msg: string, chars: string[], pos: number): PyJsonError {
  let line = 1;
  let lastNewline = -1;
  for (let i = 0; i < pos && i < chars.length; i++) {
    if (chars[i] === '\n') {
      line++;
      lastNewline = i;
    }
  }
  return new PyJsonError(`${msg}: line ${line} column ${pos - lastNewline} (char ${pos})`);
}

class StopIteration {
  readonly pos: number;
  constructor(pos: number) {
    this.pos = pos;
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function hex4(chars: string[], at: number): number | undefined {
  let v = 0;
  for (let i = at; i < at + 4; i++) {
    const c = chars[i];
    if (c === undefined || !/^[0-9a-fA-F]$/.test(c)) return undefined;
    v = v * 16 + parseInt(c, 16);
  }
  return v;
}

/** Decodes JSON text exactly as Python 3.11's `json.loads` does, or throws a {@link PyJsonError}. */
export function pyJsonLoads(text: string, options: PyJsonLoadOptions = {}): PyValue {
  const s = Array.from(text);
  const len = s.length;
  if (s[0] === '\ufeff') throw errorAt('Unexpected UTF-8 BOM (decode using utf-8-sig)', s, 0);

  const skipWs = (i: number): number => {
    while (i < len && WS.has(s[i]!)) i++;
    return i;
  };

  const scanString = (end: number): [string, number] => {
    const begin = end - 1;
    let out = '';
    for (;;) {
      let next = end;
      let c = '';
      for (; next < len; next++) {
        c = s[next]!;
        if (c === '"' || c === '\\') break;
        if (c.codePointAt(0)! <= 0x1f) throw errorAt('Invalid control character at', s, next);
      }
      if (next >= len) throw errorAt('Unterminated string starting at', s, begin);
      out += s.slice(end, next).join('');
      next++;
      if (c === '"') return [out, next];
      if (next === len) throw errorAt('Unterminated string starting at', s, begin);
      const esc = s[next]!;
      if (esc !== 'u') {
        const ch = ESCAPES[esc];
        if (ch === undefined) throw errorAt('Invalid \\escape', s, next - 1);
        out += ch;
        end = next + 1;
        continue;
      }
      next++;
      const u = next + 4 >= len ? undefined : hex4(s, next);
      if (u === undefined) throw errorAt('Invalid \\uXXXX escape', s, next - 1);
      end = next + 4;
      let cp = u;
      if (u >= 0xd800 && u <= 0xdbff && end + 6 < len && s[end] === '\\' && s[end + 1] === 'u') {
        const u2 = hex4(s, end + 2);
        if (u2 === undefined) throw errorAt('Invalid \\uXXXX escape', s, end + 1);
        if (u2 >= 0xdc00 && u2 <= 0xdfff) {
          cp = 0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00);
          end += 6;
        }
      }
      out += String.fromCodePoint(cp);
    }
  };

  const isDigit = (i: number): boolean => {
    const c = s[i];
    return c !== undefined && c >= '0' && c <= '9';
  };

  const matchNumber = (start: number): [PyValue, number] => {
    let idx = start;
    const endIdx = len - 1;
    if (s[idx] === '-') {
      idx++;
      if (idx > endIdx) throw new StopIteration(start);
    }
    if (s[idx]! >= '1' && s[idx]! <= '9') {
      idx++;
      while (idx <= endIdx && isDigit(idx)) idx++;
    } else if (s[idx] === '0') {
      idx++;
    } else {
      throw new StopIteration(start);
    }
    let isFloat = false;
    if (idx < endIdx && s[idx] === '.' && isDigit(idx + 1)) {
      isFloat = true;
      idx += 2;
      while (idx <= endIdx && isDigit(idx)) idx++;
    }
    if (idx < endIdx && (s[idx] === 'e' || s[idx] === 'E')) {
      const eStart = idx;
      idx++;
      if (idx < endIdx && (s[idx] === '-' || s[idx] === '+')) idx++;
      while (idx <= endIdx && isDigit(idx)) idx++;
      if (isDigit(idx - 1)) isFloat = true;
      else idx = eStart;
    }
    const lit = s.slice(start, idx).join('');
    if (isFloat) return [new PyFloat(Number(lit)), idx];
    const digits = lit.replace('-', '').length;
    if (digits > MAX_INT_DIGITS) {
      throw new PyJsonError(
        `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`,
      );
    }
    return [BigInt(lit), idx];
  };

  const constant = (name: string, value: number): PyFloat => {
    if (options.strictConstants) {
      throw new PyJsonError(`Out of range float values are not JSON compliant: '${name}'`);
    }
    return new PyFloat(value);
  };

  const startsWith = (idx: number, word: string): boolean => s.slice(idx, idx + word.length).join('') === word;

  const scanOnce = (idx: number, depth: number): [PyValue, number] => {
    if (idx >= len) throw new StopIteration(idx);
    const c = s[idx]!;
    switch (c) {
      case '"':
        return scanString(idx + 1);
      case '{':
        return parseObject(idx + 1, depth + 1);
      case '[':
        return parseArray(idx + 1, depth + 1);
      case 'n':
        if (startsWith(idx, 'null')) return [null, idx + 4];
        break;
      case 't':
        if (startsWith(idx, 'true')) return [true, idx + 4];
        break;
      case 'f':
        if (startsWith(idx, 'false')) return [false, idx + 5];
        break;
      case 'N':
        if (startsWith(idx, 'NaN')) return [constant('NaN', NaN), idx + 3];
        break;
      case 'I':
        if (startsWith(idx, 'Infinity')) return [constant('Infinity', Infinity), idx + 8];
        break;
      case '-':
        if (startsWith(idx, '-Infinity')) return [constant('-Infinity', -Infinity), idx + 9];
        break;
    }
    return matchNumber(idx);
  };

  const enter = (depth: number, what: string): void => {
    if (depth > MAX_DEPTH) {
      throw new PyJsonError(
        `maximum recursion depth exceeded while decoding a JSON ${what} from a unicode string`,
        true,
      );
    }
  };

  const parseObject = (start: number, depth: number): [PyValue, number] => {
    enter(depth, 'object');
    const out: PyDict = new Map();
    let idx = skipWs(start);
    if (idx >= len || s[idx] !== '}') {
      for (;;) {
        if (idx >= len || s[idx] !== '"') throw errorAt('Expecting property name enclosed in double quotes', s, idx);
        const [key, afterKey] = scanString(idx + 1);
        idx = skipWs(afterKey);
        if (idx >= len || s[idx] !== ':') throw errorAt("Expecting ':' delimiter", s, idx);
        idx = skipWs(idx + 1);
        const [value, afterValue] = scanOnce(idx, depth);
        out.set(key, value);
        idx = skipWs(afterValue);
        if (idx < len && s[idx] === '}') break;
        if (idx >= len || s[idx] !== ',') throw errorAt("Expecting ',' delimiter", s, idx);
        idx = skipWs(idx + 1);
      }
    }
    return [out, idx + 1];
  };

  const parseArray = (start: number, depth: number): [PyValue, number] => {
    enter(depth, 'array');
    const out: PyValue[] = [];
    let idx = skipWs(start);
    if (idx >= len || s[idx] !== ']') {
      for (;;) {
        const [value, after] = scanOnce(idx, depth);
        out.push(value);
        idx = skipWs(after);
        if (idx < len && s[idx] === ']') break;
        if (idx >= len || s[idx] !== ',') throw errorAt("Expecting ',' delimiter", s, idx);
        idx = skipWs(idx + 1);
      }
    }
    return [out, idx + 1];
  };

  let value: PyValue;
  let end: number;
  try {
    [value, end] = scanOnce(skipWs(0), 0);
  } catch (e) {
    if (e instanceof StopIteration) throw errorAt('Expecting value', s, e.pos);
    throw e;
  }
  end = skipWs(end);
  if (end !== len) throw errorAt('Extra data', s, end);
  return value;
}
