/**
 * Django's `parse_header` and DRF's `_MediaType`: how `Content-Type` and `Accept`
 * values are split, matched and ranked.
 */
import { parseHeaderParams, type HeaderDialect, type ParsedHeader } from './header-params.js';

/** Django's header parsing (see {@link parseHeaderParams}), for the Django version of the stack. */
export function parseHeader(line: string, dialect: HeaderDialect = '3.2'): ParsedHeader {
  return parseHeaderParams(line, dialect);
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

  /** Parses a media type string with the header parsing of the given Django version. */
  constructor(value: string, dialect: HeaderDialect = '3.2') {
    this.orig = value;
    const { fullType, params } = parseHeader(value, dialect);
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
export function mediaTypeMatches(lhs: string, rhs: string, dialect: HeaderDialect = '3.2'): boolean {
  return new MediaType(lhs, dialect).match(new MediaType(rhs, dialect));
}
