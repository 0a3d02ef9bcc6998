/**
 * The mock's database: users, issued and blacklisted tokens, and the clock offset.
 */
import { pyInt, pyStr } from './py-builtins.js';
import type { PyDict, PyValue } from './py-json/values.js';
import type { SimpleJwtSettings } from './settings.js';
import { ServerCrash, type TokenContext, type TokenType } from './tokens.js';
import { storeUser, userAttribute, type MockUser, type StoredUser } from './users.js';
import type { Stack } from './versions.js';

/** A source of "now" in ms since epoch. */
export interface Clock {
  /** Current time in ms since epoch. */
  now(): number;
}

const INT64_MAX = 2n ** 63n - 1n;

/** Users, tokens and time, shared by every endpoint of one mock. */
export class MockState {
  /** Effective settings. */
  readonly settings: SimpleJwtSettings;
  /** The stack imitated. */
  readonly stack: Stack;
  /** Users, in creation order. */
  users: StoredUser[] = [];
  /** Blacklisted jtis (`BlacklistedToken`). */
  readonly blacklisted = new Set<string>();
  /** Every jti the mock issued, with its user and type (so control can find a user's tokens). */
  readonly issued = new Map<string, { userId: number; type: TokenType }>();
  /** jtis expired through the control API. */
  readonly forceExpired = new Set<string>();
  /** Django sessions (`sessionid` → user id), made by dj-rest-auth's `SESSION_LOGIN`. */
  readonly sessions = new Map<string, number>();
  /** Added to the injected clock. */
  clockOffsetMs = 0;
  private readonly initialUsers: readonly MockUser[];
  private readonly clock: Clock;

  /** Creates the state with its initial users. */
  constructor(settings: SimpleJwtSettings, stack: Stack, users: readonly MockUser[], clock: Clock) {
    this.settings = settings;
    this.stack = stack;
    this.initialUsers = users;
    this.clock = clock;
    this.reset();
  }

  /** Back to the initial users, no blacklisted or issued tokens, no clock offset. */
  reset(): void {
    this.users = this.initialUsers.map(storeUser);
    this.blacklisted.clear();
    this.issued.clear();
    this.forceExpired.clear();
    this.sessions.clear();
    this.clockOffsetMs = 0;
  }

  /** The server's "now" (injected clock plus offset), ms since epoch. */
  now(): number {
    return this.clock.now() + this.clockOffsetMs;
  }

  /** What SimpleJWT's token classes read from the database, at the given time. */
  tokenContext(nowMs: number): TokenContext {
    return {
      settings: this.settings,
      stack: this.stack,
      nowMs,
      isBlacklisted: (jti) => this.blacklisted.has(jti),
      isForceExpired: (payload: PyDict) => {
        const jti = payload.get(this.settings.JTI_CLAIM);
        return jti !== undefined && this.forceExpired.has(pyStr(jti));
      },
    };
  }

  /** Django's `ModelBackend.authenticate`: exact username, right password, active user. */
  authenticate(username: string, password: string): StoredUser | null {
    const user = this.users.find((u) => u.username === username);
    return user && user.password === password && user.is_active ? user : null;
  }

  /** Finds a user by name. */
  findByUsername(username: string): StoredUser | undefined {
    return this.users.find((u) => u.username === username);
  }

  /**
   * `User.objects.get(**{USER_ID_FIELD: value})`: Django's lookup coercion, `null` when no
   * row matches, {@link ServerCrash} where the ORM raises (`int('abc')`, a list, an overflow).
   */
  findByIdClaim(value: PyValue | undefined): StoredUser | null {
    const field = this.settings.USER_ID_FIELD;
    if (value === null || value === undefined) return null;
    const sample = this.users.map((u) => userAttribute(u, field)).find((v) => v !== undefined);
    if (typeof sample === 'number' || field === 'id' || field === 'pk') {
      const n = pyInt(value);
      if (!n.ok) throw new ServerCrash(`Field '${field}' expected a number but got ${pyStr(value)}`);
      if (n.value > INT64_MAX || n.value < -INT64_MAX - 1n)
        throw new ServerCrash('Python int too large to convert to SQLite INTEGER');
      return this.users.find((u) => BigInt(userAttribute(u, field) as number) === n.value) ?? null;
    }
    const key = pyStr(value);
    return this.users.find((u) => String(userAttribute(u, field)) === key) ?? null;
  }

  /** Records a token the mock issued for a user. */
  recordIssued(jti: string, userId: number, type: TokenType): void {
    this.issued.set(jti, { userId, type });
  }

  /** jtis of a user's issued tokens, optionally of some types only. */
  tokensOf(userId: number, types?: TokenType[]): string[] {
    return [...this.issued]
      .filter(([, t]) => t.userId === userId && (!types || types.includes(t.type)))
      .map(([jti]) => jti);
  }
}
