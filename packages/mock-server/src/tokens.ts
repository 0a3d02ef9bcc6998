/**
 * SimpleJWT's `Token`, `AccessToken`, `RefreshToken`, `SlidingToken` and `UntypedToken`:
 * claim layout, lifetimes, and the validation order of `Token.__init__` and `verify()`.
 */
import { decodeJwt, signJwt } from './jwt.js';
import { pyStr } from './py-builtins.js';
import { PyFloat, type PyDict, type PyValue } from './py-json/values.js';
import type { SimpleJwtSettings } from './settings.js';
import type { Stack } from './versions.js';

/** The token classes SimpleJWT ships. */
export type TokenType = 'access' | 'refresh' | 'sliding' | 'untyped';

/** SimpleJWT's `TokenError`: its message is shown to the client. */
export class TokenError extends Error {
  /** Builds the error from the user-facing message. */
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

/** An exception Django would not handle (a `KeyError`, `TypeError` …): the server answers 500. */
export class ServerCrash extends Error {
  /** Set when the crash happened before DRF replaced Django's lazy `request.user` (the session gets read). */
  sessionAccessed = false;
  /** Builds the error from a description of what Python would raise. */
  constructor(message: string) {
    super(message);
    this.name = 'ServerCrash';
  }
}

/** What tokens need from the server state. */
export interface TokenContext {
  /** Effective settings. */
  settings: SimpleJwtSettings;
  /** The stack imitated (messages and PyJWT's checks differ between versions). */
  stack: Stack;
  /** The request's "now", ms since epoch. */
  nowMs: number;
  /** `BlacklistedToken.objects.filter(token__jti=jti).exists()`. */
  isBlacklisted(jti: string): boolean;
  /** True when the mock's control API expired this token (treated like an expired `exp`). */
  isForceExpired(payload: PyDict): boolean;
}

/** The message of a token PyJWT rejected: one message before SimpleJWT 5.3, two since. */
export function decodeFailureMessage(stack: Stack, expired: boolean): string {
  if (stack.version === '5.2') return 'Token is invalid or expired';
  return expired ? 'Token is expired' : 'Token is invalid';
}

/** SimpleJWT's class names, for `messages[].token_class`. */
export const TOKEN_CLASS_NAMES: Record<TokenType, string> = {
  access: 'AccessToken',
  refresh: 'RefreshToken',
  sliding: 'SlidingToken',
  untyped: 'UntypedToken',
};

function lifetimeOf(type: TokenType, s: SimpleJwtSettings): number {
  if (type === 'access') return s.ACCESS_TOKEN_LIFETIME;
  if (type === 'refresh') return s.REFRESH_TOKEN_LIFETIME;
  if (type === 'sliding') return s.SLIDING_TOKEN_LIFETIME;
  return 0;
}

/** `datetime_to_epoch(now + lifetime)`: whole seconds, rounded down. */
function epochAfter(ms: number, lifetimeSeconds: number): bigint {
  return BigInt(Math.floor((ms + lifetimeSeconds * 1000) / 1000));
}

// datetime.utcfromtimestamp accepts years 1 to 9999 only.
const MIN_EPOCH = -62135596800;
const MAX_EPOCH = 253402300800;

/** `datetime_from_epoch(value)` in microseconds, or a crash where Python raises. */
function datetimeFromEpochUs(value: PyValue, claim: string): number {
  let n: number;
  if (typeof value === 'boolean') n = value ? 1 : 0;
  else if (typeof value === 'bigint') n = Number(value);
  else if (value instanceof PyFloat) n = value.value;
  else throw new ServerCrash(`datetime_from_epoch(${claim}) got a ${typeof value}`);
  if (!Number.isFinite(n) || n < MIN_EPOCH || n >= MAX_EPOCH) throw new ServerCrash(`${claim} out of datetime range`);
  return Math.round(n * 1e6);
}

/** A SimpleJWT token: a payload and the time it was instantiated. */
export class Token {
  /** Token class. */
  readonly type: TokenType;
  /** Claims, in insertion order. */
  readonly payload: PyDict;
  /** `self.current_time` in ms: instantiation time, also the base of refreshed lifetimes. */
  readonly currentMs: number;
  private readonly settings: SimpleJwtSettings;

  private constructor(type: TokenType, payload: PyDict, currentMs: number, settings: SimpleJwtSettings) {
    this.type = type;
    this.payload = payload;
    this.currentMs = currentMs;
    this.settings = settings;
  }

  /** A new token (`Token()` with no argument): type, `exp`, `iat`, `jti`, and `refresh_exp` for sliding tokens. */
  static create(type: TokenType, ctx: TokenContext): Token {
    const t = new Token(type, new Map(), ctx.nowMs, ctx.settings);
    t.payload.set(ctx.settings.TOKEN_TYPE_CLAIM, type);
    t.setExp();
    t.setIat();
    t.setJti();
    if (type === 'sliding')
      t.setExp(ctx.settings.SLIDING_TOKEN_REFRESH_EXP_CLAIM, ctx.settings.SLIDING_TOKEN_REFRESH_LIFETIME);
    return t;
  }

  /** `TokenClass(raw)`: decode, then `verify()`. Throws {@link TokenError} or {@link ServerCrash}. */
  static async load(raw: Uint8Array, type: TokenType, ctx: TokenContext): Promise<Token> {
    const s = ctx.settings;
    const decoded = await decodeJwt(raw, {
      secret: s.SIGNING_KEY,
      algorithm: s.ALGORITHM,
      nowSeconds: ctx.nowMs / 1000,
      leeway: s.LEEWAY,
      pyjwt: ctx.stack.pyjwt,
    });
    if (!decoded.ok) {
      if (decoded.kind === 'crash') throw new ServerCrash(decoded.reason);
      throw new TokenError(decodeFailureMessage(ctx.stack, decoded.kind === 'expired'));
    }
    if (ctx.isForceExpired(decoded.payload)) throw new TokenError(decodeFailureMessage(ctx.stack, true));
    const t = new Token(type, decoded.payload, ctx.nowMs, s);
    // BlacklistMixin.verify runs check_blacklist first, reading payload[JTI_CLAIM] unguarded.
    if (type === 'refresh' || type === 'sliding') {
      if (!t.payload.has(s.JTI_CLAIM)) throw new ServerCrash(`KeyError: '${s.JTI_CLAIM}'`);
      if (ctx.isBlacklisted(pyStr(t.payload.get(s.JTI_CLAIM)!))) throw new TokenError('Token is blacklisted');
    }
    t.checkExp('exp');
    if (!t.payload.has(s.JTI_CLAIM)) throw new TokenError('Token has no id');
    if (type !== 'untyped') {
      if (!t.payload.has(s.TOKEN_TYPE_CLAIM)) throw new TokenError('Token has no type');
      if (t.payload.get(s.TOKEN_TYPE_CLAIM) !== type) throw new TokenError('Token has wrong type');
    }
    return t;
  }

  /** `check_exp(claim)`: missing claim, or a time at or before now minus leeway, is a {@link TokenError}. */
  checkExp(claim: string, currentMs: number = this.currentMs): void {
    if (!this.payload.has(claim)) throw new TokenError(`Token has no '${claim}' claim`);
    const claimUs = datetimeFromEpochUs(this.payload.get(claim)!, claim);
    if (claimUs <= Math.round(currentMs * 1000) - Math.round(this.settings.LEEWAY * 1e6)) {
      throw new TokenError(`Token '${claim}' claim has expired`);
    }
  }

  /** `set_exp(claim, from_time=current_time, lifetime)`. */
  setExp(
    claim = 'exp',
    lifetime: number = lifetimeOf(this.type, this.settings),
    fromMs: number = this.currentMs,
  ): void {
    this.payload.set(claim, epochAfter(fromMs, lifetime));
  }

  /** `set_iat()`: the instantiation time in whole seconds. */
  setIat(): void {
    this.payload.set('iat', epochAfter(this.currentMs, 0));
  }

  /** `set_jti()`: `uuid4().hex`. */
  setJti(): void {
    this.payload.set(this.settings.JTI_CLAIM, globalThis.crypto.randomUUID().replace(/-/g, ''));
  }

  /** `RefreshToken.access_token`: a new access token expiring relative to this token, carrying every other claim (including `iat`). */
  accessToken(ctx: TokenContext): Token {
    const access = Token.create('access', ctx);
    access.setExp('exp', this.settings.ACCESS_TOKEN_LIFETIME, this.currentMs);
    const noCopy = new Set([this.settings.TOKEN_TYPE_CLAIM, 'exp', this.settings.JTI_CLAIM, 'jti']);
    for (const [claim, value] of this.payload) {
      if (!noCopy.has(claim)) access.payload.set(claim, value);
    }
    return access;
  }

  /** The signed compact JWT. */
  encode(): Promise<string> {
    return signJwt(this.payload, this.settings.SIGNING_KEY, this.settings.ALGORITHM);
  }

  /** The `jti` claim as Django would store it, if present. */
  get jti(): string | undefined {
    const v = this.payload.get(this.settings.JTI_CLAIM);
    return v === undefined ? undefined : pyStr(v);
  }
}
