/**
 * Django's `parse_header` and DRF's `_MediaType`: how `Content-Type` and `Accept`
 * values are split, matched and ranked.
 */
import { ServerCrash } from '../tokens.js';

function splitParams(s: string): string[] {
  // Django's _parse_header_params: split on ';' outside double quotes.
  const out: string[] = [];
  while (s.startsWith(';')) {
    s = s.slice(1);
    let end = s.indexOf(';');
    while (end > 0 && (s.slice(0, end).split('"').length - 1) % 2) end = s.indexOf(';', end + 1);
    if (end < 0) end = s.length;
    out.push(s.slice(0, end).trim());
    s = s.slice(end);
  }
  return out;
}

const hasNonAscii = (s: string): boolean => /[^\x00-\x7f]/.test(s);

/** `parse_header_parameters(line)` as DRF 3.14 runs it on Django 3.2; non-ASCII names crash as in Python. */
export function parseHeader(line: string): { fullType: string; params: Map<string, string> } {
  const parts = splitParams(`;${line}`);
  const first = parts.shift() ?? '';
  if (hasNonAscii(first)) throw new ServerCrash("'ascii' codec can't decode a media type");
  const params = new Map<string, string>();
  for (const p of parts) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    let name = p.slice(0, i).trim().toLowerCase();
    if (hasNonAscii(name)) throw new ServerCrash("'ascii' codec can't decode a parameter name");
    if (name.endsWith('*')) name = name.slice(0, -1);
    let value = p.slice(i + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"');
    }
    params.set(name, value);
  }
  return { fullType: first.toLowerCase(), params };
}

/** DRF's `_MediaType`. */
export class MediaType {
  /** The string as given. */
  readonly orig: string;
  /** `type/subtype`, lower-cased. */
  readonly fullType: string;
  /** Main type. */
  readonly mainType: string;
  /** Subtype ('' when there is no slash). */
  readonly subType: string;
  /** Parameters, names lower-cased. */
  readonly params: Map<string, string>;

  /** Parses a media type string. */
  constructor(value: string) {
    this.orig = value;
    const { fullType, params } = parseHeader(value);
    this.fullType = fullType;
    this.params = params;
    const slash = fullType.indexOf('/');
    this.mainType = slash < 0 ? fullType : fullType.slice(0, slash);
    this.subType = slash < 0 ? '' : fullType.slice(slash + 1);
  }

  /** `self.match(other)`: does this (server) type satisfy the other (client) type. */
  match(other: MediaType): boolean {
    for (const [key, value] of this.params) {
      if (key !== 'q' && other.params.get(key) !== value) return false;
    }
    if (this.subType !== '*' && other.subType !== '*' && other.subType !== this.subType) return false;
    if (this.mainType !== '*' && other.mainType !== '*' && other.mainType !== this.mainType) return false;
    return true;
  }

  /** 3 for `type/sub; param`, 2 for `type/sub`, 1 for `type/*`, 0 for `*\/*`. */
  get precedence(): number {
    if (this.mainType === '*') return 0;
    if (this.subType === '*') return 1;
    if (this.params.size === 0 || (this.params.size === 1 && this.params.has('q'))) return 2;
    return 3;
  }
}

/** `media_type_matches(lhs, rhs)`. */
export function mediaTypeMatches(lhs: string, rhs: string): boolean {
  return new MediaType(lhs).match(new MediaType(rhs));
}
