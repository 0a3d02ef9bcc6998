/**
 * `request.data` as DRF computes it with its default parsers (JSON, form, multipart),
 * behind Django's development server (which reports a missing `Content-Type` as `text/plain`).
 */
import { pyJsonLoads } from '../py-json/loads.js';
import { PyJsonError, type PyValue } from '../py-json/values.js';
import { ServerCrash } from '../tokens.js';
import { BadRequest, parseError, unsupportedMediaType } from './exceptions.js';
import type { HeaderDialect } from './header-params.js';
import { MediaType, parseHeader } from './media-types.js';
import { PyDecodeError, pyDecodeUtf8Stream } from './py-decode.js';

/** An uploaded file in a multipart body (never a valid string field). */
export interface UploadedFile {
  /** The part's filename. */
  readonly filename: string;
}

/** A value in a `QueryDict`. */
export type FormValue = string | UploadedFile;

/** Parsed request data: a JSON value, or a form/multipart `QueryDict` (lists of values per key). */
export type RequestData = { kind: 'json'; value: PyValue } | { kind: 'form'; fields: Map<string, FormValue[]> };

// Django's DATA_UPLOAD_MAX_NUMBER_FIELDS and DATA_UPLOAD_MAX_MEMORY_SIZE defaults.
const MAX_FIELDS = 1000;
const MAX_MEMORY = 2621440;

const PARSERS = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] as const;

function charsetOf(contentType: string, dialect: HeaderDialect): string {
  try {
    const cs = parseHeader(contentType, dialect).params.get('charset');
    if (cs && /^(latin-?1|iso-?8859-?1|l1|cp819)$/i.test(cs)) return 'latin1';
  } catch {
    // Django ignores an unparseable charset.
  }
  return 'utf-8';
}

function decode(bytes: Uint8Array, charset: string): string {
  return charset === 'latin1' ? new TextDecoder('latin1').decode(bytes) : pyDecodeUtf8Stream(bytes);
}

/** Python's `urllib.parse.unquote(s, errors='replace')`. */
function unquote(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16));
    return new TextDecoder('utf-8').decode(bytes);
  });
}

/** Django's `QueryDict(body)` with `limited_parse_qsl(keep_blank_values=True)`. */
export function parseQueryString(text: string): Map<string, FormValue[]> {
  const fields = new Map<string, FormValue[]>();
  const pairs = text.split(/[&;]/);
  if (pairs.length > MAX_FIELDS)
    throw new BadRequest('The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.');
  for (const pair of pairs) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const name = unquote(rawName.replace(/\+/g, ' '));
    const value = unquote(rawValue.replace(/\+/g, ' '));
    const list = fields.get(name);
    if (list) list.push(value);
    else fields.set(name, [value]);
  }
  return fields;
}

function parseMultipart(
  body: Uint8Array,
  contentType: string,
  charset: string,
  dialect: HeaderDialect,
): Map<string, FormValue[]> {
  if (!contentType.startsWith('multipart/'))
    throw parseError(`Multipart form parse error - Invalid Content-Type: ${contentType}`);
  if (/[^\x00-\x7f]/.test(contentType)) {
    throw parseError(`Multipart form parse error - Invalid non-ASCII Content-Type in multipart: ${contentType}`);
  }
  const boundary = parseHeader(contentType, dialect).params.get('boundary');
  if (!boundary || !/^[ -~]{0,200}[!-~]$/.test(boundary)) {
    throw parseError(`Multipart form parse error - Invalid boundary in multipart: ${boundary ?? 'None'}`);
  }
  const fields = new Map<string, FormValue[]>();
  const text = new TextDecoder('latin1').decode(body);
  const chunks = text.split(`--${boundary}`);
  let memory = 0;
  let count = 0;
  // The preamble before the first boundary and the epilogue after the closing one are ignored.
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = chunk.replace(/^\r?\n/, '');
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const headers = part.slice(0, headerEnd).split('\r\n');
    let value = part.slice(headerEnd + 4);
    if (value.endsWith('\r\n')) value = value.slice(0, -2);
    const disposition = headers.find((h) => /^content-disposition:/i.test(h));
    if (!disposition) continue;
    const { fullType, params } = parseHeader(disposition.slice(disposition.indexOf(':') + 1).trim(), dialect);
    const name = params.get('name');
    if (fullType !== 'form-data' || name === undefined) continue;
    const fieldName = decode(
      Uint8Array.from(name, (c) => c.charCodeAt(0)),
      charset,
    );
    let entry: FormValue;
    if (params.has('filename')) {
      entry = { filename: params.get('filename')! };
    } else {
      if (++count > MAX_FIELDS)
        throw new BadRequest('The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.');
      memory += value.length;
      if (memory > MAX_MEMORY) throw new BadRequest('Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.');
      const bytes = Uint8Array.from(value, (c) => c.charCodeAt(0));
      entry = charset === 'latin1' ? value : new TextDecoder('utf-8').decode(bytes);
    }
    const list = fields.get(fieldName);
    if (list) list.push(entry);
    else fields.set(fieldName, [entry]);
  }
  return fields;
}

/**
 * `request.data`: raises `UnsupportedMediaType`, `ParseError`, {@link BadRequest} or
 * {@link ServerCrash} exactly where DRF and Django would.
 */
export function parseRequestData(
  body: Uint8Array,
  contentTypeHeader: string | null,
  dialect: HeaderDialect = '3.2',
): RequestData {
  // runserver (wsgiref) fills a missing Content-Type with 'text/plain'.
  const contentType = contentTypeHeader ?? 'text/plain';
  if (body.length === 0) return { kind: 'json', value: new Map() };
  const requestType = new MediaType(contentType, dialect);
  const parser = PARSERS.find((p) => new MediaType(p, dialect).match(requestType));
  if (!parser) throw unsupportedMediaType(contentType);
  const charset = charsetOf(contentType, dialect);
  if (parser === 'application/json') {
    try {
      return { kind: 'json', value: pyJsonLoads(decode(body, charset), { strictConstants: true }) };
    } catch (e) {
      if (e instanceof PyJsonError && e.fatal) throw new ServerCrash(`RecursionError: ${e.message}`);
      if (e instanceof PyJsonError || e instanceof PyDecodeError) throw parseError(`JSON parse error - ${e.message}`);
      throw e;
    }
  }
  if (parser === 'application/x-www-form-urlencoded') {
    let text: string;
    try {
      text = charset === 'latin1' ? decode(body, charset) : new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      text = new TextDecoder('latin1').decode(body);
    }
    return { kind: 'form', fields: parseQueryString(text) };
  }
  return { kind: 'form', fields: parseMultipart(body, contentType, charset, dialect) };
}
