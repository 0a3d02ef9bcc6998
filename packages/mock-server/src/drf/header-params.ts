/**
 * How Django splits a `Content-Type`-like header into a value and parameters: DRF 3.14 on
 * Django 3.2 runs the bytes-based `multipartparser.parse_header` (ASCII whitespace and case,
 * non-ASCII names crash), Django 4.2's `parse_header_parameters` works on text (Unicode
 * whitespace and case, escaped quotes do not count when splitting).
 */
import { pyStrip } from '../py-builtins.js';
import { ServerCrash } from '../tokens.js';

/** Which Django's header parsing to follow. */
export type HeaderDialect = '3.2' | '4.2';

/** A parsed header: the lower-cased value and its parameters (names lower-cased, values unquoted). */
export interface ParsedHeader {
  /** e.g. `application/json`. */
  fullType: string;
  /** Parameters in order, last one wins. */
  params: Map<string, string>;
}

const asciiStrip = (s: string): string => s.replace(/^[ \t\n\r\x0b\x0c]+|[ \t\n\r\x0b\x0c]+$/g, '');
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const hasNonAscii = (s: string): boolean => /[^\x00-\x7f]/.test(s);
const count = (s: string, needle: string): number => s.split(needle).length - 1;

/** Splits on `;` outside double quotes; Django 4 does not count backslash-escaped quotes. */
function splitParams(line: string, dialect: HeaderDialect, strip: (s: string) => string): string[] {
  const out: string[] = [];
  let s = `;${line}`;
  while (s.startsWith(';')) {
    s = s.slice(1);
    let end = s.indexOf(';');
    const quotes = (upTo: number): number =>
      count(s.slice(0, upTo), '"') - (dialect === '3.2' ? 0 : count(s.slice(0, upTo), '\\"'));
    while (end > 0 && quotes(end) % 2) end = s.indexOf(';', end + 1);
    if (end < 0) end = s.length;
    out.push(strip(s.slice(0, end)));
    s = s.slice(end);
  }
  return out;
}

const CODECS: Record<string, string> = {
  utf8: 'utf-8',
  u8: 'utf-8',
  utf: 'utf-8',
  latin1: 'latin1',
  latin: 'latin1',
  l1: 'latin1',
  iso88591: 'latin1',
  '8859': 'latin1',
  cp819: 'latin1',
  ascii: 'ascii',
  usascii: 'ascii',
  '646': 'ascii',
};

/** `urllib.parse.unquote(value, encoding=…)` (errors='replace'); an unknown codec is a `LookupError`. */
function unquote(value: string, encoding: string): string {
  if (!value.includes('%')) return value;
  const codec = CODECS[encoding.toLowerCase().replace(/[-_ ]/g, '')];
  if (!codec) throw new ServerCrash(`LookupError: unknown encoding: ${encoding}`);
  return value.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16));
    if (codec === 'ascii') return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : '\ufffd')).join('');
    return new TextDecoder(codec).decode(bytes);
  });
}

/** Django's header-parameter parsing for the given Django version; raises {@link ServerCrash} where Python does. */
export function parseHeaderParams(line: string, dialect: HeaderDialect = '3.2'): ParsedHeader {
  const modern = dialect !== '3.2';
  const strip = modern ? pyStrip : asciiStrip;
  const lower = modern ? (s: string) => s.toLowerCase() : asciiLower;
  const parts = splitParams(line, dialect, strip);
  const first = parts.shift() ?? '';
  if (!modern && hasNonAscii(first)) throw new ServerCrash("'ascii' codec can't decode a media type");
  const params = new Map<string, string>();
  for (const p of parts) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    let name = lower(strip(p.slice(0, i)));
    if (!modern && hasNonAscii(name)) throw new ServerCrash("'ascii' codec can't decode a parameter name");
    let hasEncoding = false;
    if (name.endsWith('*')) {
      // RFC 2231 (`filename*=UTF-8''file.ext`), recognised by the two quotes anywhere in the parameter.
      name = name.slice(0, -1);
      hasEncoding = count(p, "'") === 2;
    }
    let value = strip(p.slice(i + 1));
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"');
    }
    if (hasEncoding) {
      const pieces = value.split("'");
      if (pieces.length !== 3) throw new ServerCrash('ValueError: not enough values to unpack');
      value = unquote(pieces[2]!, pieces[0]!);
    }
    params.set(name, value);
  }
  return { fullType: lower(first), params };
}
