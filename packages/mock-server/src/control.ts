/**
 * The test-control surface: users, token revocation, the clock, faults and the request log.
 */
import type { FaultQueue, FaultSpec } from './faults.js';
import type { EndpointName } from './handlers/types.js';
import type { MockState } from './state.js';
import { makePasswordHash } from './password.js';
import { storeUser, type MockUser, type StoredUser } from './users.js';

/** One handled request. */
export interface RequestLogEntry {
  /** The endpoint it hit, or null (unknown path, redirect, preflight to an unknown path). */
  endpoint: EndpointName | null;
  /** Request method. */
  method: string;
  /** URL path. */
  path: string;
  /** Response status (0 for an injected network error). */
  status: number;
  /** Server time when it was received, ms since epoch. */
  at: number;
}

/** Changes to a user. */
export type UserPatch = Partial<Omit<MockUser, 'username'>> & {
  /** A new username (must stay unique). */
  username?: string;
};

/** A fault not used up yet. */
export interface PendingFault extends FaultSpec {
  /** How many more requests it affects. */
  remaining: number;
}

/** Controls a mock from tests (and, when enabled, over HTTP). */
export interface MockControl {
  /** A snapshot of the request log, oldest first. */
  readonly requests: readonly RequestLogEntry[];
  /** How many requests hit an endpoint (all requests when omitted). */
  count(endpoint?: EndpointName | null): number;
  /** Empties the request log. */
  clearRequests(): void;
  /** Injects a fault. */
  fail(fault: FaultSpec): void;
  /** Removes pending faults. */
  clearFaults(): void;
  /** Pending faults with remaining counts. */
  pendingFaults(): PendingFault[];
  /** Adds a user; throws if the username or id is taken. */
  addUser(user: MockUser): void;
  /**
   * Changes a user (password, is_active, email, claims …); throws for an unknown user. A `password`
   * acts like Django's `User.set_password()`: a new salted hash, so with `CHECK_REVOKE_TOKEN` every
   * token issued before is answered `password_changed`, even when the password is the same.
   */
  updateUser(username: string, patch: UserPatch): void;
  /**
   * Deletes a user, like `User.delete()`: their tokens then fail with `user_not_found` on protected
   * endpoints (and, on SimpleJWT 5.5, their refresh tokens crash the refresh endpoint with a 500).
   * Throws for an unknown user.
   */
  deleteUser(username: string): void;
  /** A copy of a user, or undefined. */
  getUser(username: string): StoredUser | undefined;
  /** Blacklists every refresh and sliding token issued to the user; returns how many. */
  blacklistUserTokens(username: string): number;
  /** Makes every token issued to the user (access included) fail as expired; returns how many. */
  expireUserTokens(username: string): number;
  /** Moves the server clock forward (or back, with a negative value). */
  advanceClock(ms: number): void;
  /** Sets the server clock's offset from the injected clock. */
  setClockOffset(ms: number): void;
  /** The server's current time, ms since epoch. */
  now(): number;
  /** Back to the initial users, no faults, an empty log, no blacklisted tokens, no clock offset. */
  reset(): void;
}

/** Builds the control object over a mock's state. */
export function createControl(state: MockState, faults: FaultQueue, log: RequestLogEntry[]): MockControl {
  const user = (username: string): StoredUser => {
    const u = state.findByUsername(username);
    if (!u) throw new Error(`No user named ${JSON.stringify(username)}`);
    return u;
  };
  return {
    get requests() {
      return log.map((e) => ({ ...e }));
    },
    count: (endpoint) => (endpoint === undefined ? log.length : log.filter((e) => e.endpoint === endpoint).length),
    clearRequests: () => {
      log.length = 0;
    },
    fail: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    pendingFaults: () => faults.pending(),
    addUser: (u) => {
      const stored = storeUser(u);
      if (state.users.some((x) => x.username === stored.username || x.id === stored.id)) {
        throw new Error(`A user with username ${stored.username} or id ${stored.id} exists`);
      }
      state.users.push(stored);
    },
    updateUser: (username, patch) => {
      const u = user(username);
      const passwordHash =
        patch.password_hash ?? (patch.password === undefined ? u.password_hash : makePasswordHash(patch.password));
      const next = storeUser({
        ...u,
        ...patch,
        password_hash: passwordHash,
        claims: patch.claims ?? u.claims,
        fields: patch.fields ?? u.fields,
      });
      if (state.users.some((x) => x !== u && (x.username === next.username || x.id === next.id))) {
        throw new Error(`A user with username ${next.username} or id ${next.id} exists`);
      }
      Object.assign(u, { ...next, last_login: u.last_login });
    },
    deleteUser: (username) => {
      const u = user(username);
      state.users = state.users.filter((x) => x !== u);
    },
    getUser: (username) => {
      const u = state.findByUsername(username);
      return u && { ...u, claims: { ...u.claims }, fields: { ...u.fields } };
    },
    blacklistUserTokens: (username) => {
      const jtis = state.tokensOf(user(username).id, ['refresh', 'sliding']);
      for (const jti of jtis) state.blacklisted.add(jti);
      return jtis.length;
    },
    expireUserTokens: (username) => {
      const jtis = state.tokensOf(user(username).id);
      for (const jti of jtis) state.forceExpired.add(jti);
      return jtis.length;
    },
    advanceClock: (ms) => {
      state.clockOffsetMs += ms;
    },
    setClockOffset: (ms) => {
      state.clockOffsetMs = ms;
    },
    now: () => state.now(),
    reset: () => {
      state.reset();
      faults.clear();
      log.length = 0;
    },
  };
}
