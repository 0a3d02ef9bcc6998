/**
 * HMAC JWTs with WebCrypto, encoded byte-for-byte like PyJWT and decoded with the checks of
 * PyJWT 2.6 (SimpleJWT 5.2's stack) or 2.10 (5.5's), in PyJWT's order.
 */
import { base64UrlEncode, pyBase64UrlDecode } from './base64url.js';
import { pyInt, pyNumber } from './py-builtins.js';
import { pyJsonDumps } from './py-json/dumps.js';
import { pyJsonLoads } from './py-json/loads.js';
import { PyJsonError, type PyDict, type PyValue } from './py-json/values.js';

/** HMAC algorithms the mock signs with. */
export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512';

const HASHES: Record<HmacAlgorithm, string> = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' };
const encoder = new TextEncoder();
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string, alg: HmacAlgorithm): Promise<CryptoKey> {
  const cacheKey = `${alg}\u0000${secret}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = globalThis.crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: HASHES[alg] },
      false,
      ['sign', 'verify'],
    );
    keyCache.set(cacheKey, key);
  }
  return key;
}

/** Signs a payload: PyJWT's sorted compact header, `ensure_ascii` compact payload, unpadded base64url. */
export async function signJwt(payload: PyDict, secret: string, alg: HmacAlgorithm): Promise<string> {
  const header = base64UrlEncode(encoder.encode(`{"alg":"${alg}","typ":"JWT"}`));
  const body = base64UrlEncode(encoder.encode(pyJsonDumps(payload, { ensureAscii: true })));
  const signingInput = `${header}.${body}`;
  const sig = await globalThis.crypto.subtle.sign('HMAC', await hmacKey(secret, alg), encoder.encode(signingInput));
  return `${signingInput}.${base64UrlEncode(new Uint8Array(sig))}`;
}

/**
 * Why PyJWT refused a token: `expired` is its `ExpiredSignatureError`, `invalid` any other
 * `InvalidTokenError` (SimpleJWT 5.2 shows both as "Token is invalid or expired"), `crash` an
 * exception PyJWT lets escape (a 500).
 */
export type JwtDecodeFailure = { kind: 'invalid' | 'expired' | 'crash'; reason: string };

/** The outcome of {@link decodeJwt}. */
export type JwtDecodeResult = { ok: true; payload: PyDict; header: PyDict } | ({ ok: false } & JwtDecodeFailure);

const invalid = (reason: string): JwtDecodeResult => ({ ok: false, kind: 'invalid', reason });
const crash = (reason: string): JwtDecodeResult => ({ ok: false, kind: 'crash', reason });
const expired = (reason: string): JwtDecodeResult => ({ ok: false, kind: 'expired', reason });

function loadsBytes(bytes: Uint8Array): PyValue | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
  try {
    return pyJsonLoads(text);
  } catch (e) {
    if (e instanceof PyJsonError) return undefined;
    throw e;
  }
}

function indexOfByte(bytes: Uint8Array, b: number, fromEnd: boolean): number {
  return fromEnd ? bytes.lastIndexOf(b) : bytes.indexOf(b);
}

/** Options for {@link decodeJwt}. */
export interface DecodeJwtOptions {
  /** Shared secret. */
  secret: string;
  /** The only accepted `alg`. */
  algorithm: HmacAlgorithm;
  /** Current time in seconds (may be fractional). */
  nowSeconds: number;
  /** Leeway in seconds. */
  leeway: number;
  /** Which PyJWT's checks to run (default 2.6). */
  pyjwt?: '2.6' | '2.10';
}

/**
 * Time-claim checks of PyJWT's `_validate_iat/_nbf/_exp`, with the `TypeError`s they let through.
 * PyJWT 2.6 compares against whole seconds and compares `iat` unconverted (a numeric string
 * raises); 2.10 compares `int(iat)` against the fractional time.
 */
function checkTimeClaim(
  name: 'iat' | 'nbf' | 'exp',
  value: PyValue,
  options: DecodeJwtOptions,
): JwtDecodeResult | undefined {
  const modern = options.pyjwt === '2.10';
  const now = modern ? options.nowSeconds : Math.floor(options.nowSeconds);
  const leeway = options.leeway;
  const asInt = pyInt(value);
  if (!asInt.ok)
    return asInt.error === 'ValueError'
      ? invalid(`${name} must be an integer`)
      : crash(`int(${name}) raised ${asInt.error}`);
  const n = Number(asInt.value);
  if (name === 'iat') {
    if (modern) return n > now + leeway ? invalid('The token is not yet valid (iat)') : undefined;
    const raw = pyNumber(value);
    if (raw === undefined) return crash("'>' not supported between 'str' and 'int'");
    return raw > now + leeway ? invalid('The token is not yet valid (iat)') : undefined;
  }
  if (name === 'nbf') return n > now + leeway ? invalid('The token is not yet valid (nbf)') : undefined;
  return n <= now - leeway ? expired('Signature has expired') : undefined;
}

/** PyJWT 2.10's `_validate_headers`: `kid` must be a string, `crit` may only name `b64`, present. */
function checkHeader210(header: PyDict): JwtDecodeResult | undefined {
  if (header.has('kid') && typeof header.get('kid') !== 'string')
    return invalid('Key ID header parameter must be a string');
  if (!header.has('crit')) return undefined;
  const crit = header.get('crit');
  if (!Array.isArray(crit) || crit.length === 0) return invalid("Invalid 'crit' header: must be a non-empty list");
  for (const ext of crit) {
    if (typeof ext !== 'string') return invalid("Invalid 'crit' header: values must be strings");
    if (ext !== 'b64') return invalid(`Unsupported critical extension: ${ext}`);
    if (!header.has(ext)) return invalid(`Critical extension '${ext}' is missing from headers`);
  }
  return undefined;
}

/** `jwt.decode(token, key, algorithms=[alg], leeway=…)` as SimpleJWT's TokenBackend calls it. */
export async function decodeJwt(token: Uint8Array, options: DecodeJwtOptions): Promise<JwtDecodeResult> {
  const lastDot = indexOfByte(token, 0x2e, true);
  if (lastDot < 0) return invalid('Not enough segments');
  const signingInput = token.subarray(0, lastDot);
  const firstDot = indexOfByte(signingInput, 0x2e, false);
  if (firstDot < 0) return invalid('Not enough segments');
  const headerBytes = pyBase64UrlDecode(signingInput.subarray(0, firstDot));
  if (!headerBytes) return invalid('Invalid header padding');
  const header = loadsBytes(headerBytes);
  if (!(header instanceof Map)) return invalid('Invalid header string');
  const payloadBytes = pyBase64UrlDecode(signingInput.subarray(firstDot + 1));
  if (!payloadBytes) return invalid('Invalid payload padding');
  const signature = pyBase64UrlDecode(token.subarray(lastDot + 1));
  if (!signature) return invalid('Invalid crypto padding');
  if (options.pyjwt === '2.10') {
    const bad = checkHeader210(header);
    if (bad) return bad;
  }
  if (header.get('b64') === false) return invalid('detached payload required');
  const alg = header.get('alg');
  if (alg !== options.algorithm) return invalid('The specified alg value is not allowed');
  const key = await hmacKey(options.secret, options.algorithm);
  const ok = await globalThis.crypto.subtle.verify(
    'HMAC',
    key,
    new Uint8Array(signature),
    new Uint8Array(signingInput),
  );
  if (!ok) return invalid('Signature verification failed');
  const payload = loadsBytes(payloadBytes);
  if (!(payload instanceof Map)) return invalid('Invalid payload string');
  for (const name of ['iat', 'nbf', 'exp'] as const) {
    if (!payload.has(name)) continue;
    const failure = checkTimeClaim(name, payload.get(name)!, options);
    if (failure) return failure;
  }
  // PyJWT 2.10 also requires `sub` and `jti` (by those names) to be strings when present.
  if (options.pyjwt === '2.10') {
    if (payload.has('sub') && typeof payload.get('sub') !== 'string') return invalid('Subject must be a string');
    if (payload.has('jti') && typeof payload.get('jti') !== 'string') return invalid('JWT ID must be a string');
  }
  return { ok: true, payload, header };
}

/** Decodes a token's payload without checking anything (for inspection and tests). */
export function peekJwtPayload(token: string): PyDict | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const bytes = pyBase64UrlDecode(encoder.encode(parts[1]!));
  const payload = bytes && loadsBytes(bytes);
  return payload instanceof Map ? payload : undefined;
}
