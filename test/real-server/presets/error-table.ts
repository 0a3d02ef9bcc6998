/**
 * The README's "Errors" table against a backend preset's real server, in Node (issue 10, "the
 * README's error table holds for every backend"): each row the client can meet at login, refresh
 * and API calls, with the server's real answers.
 */
import {
  type Backend,
  InvalidCredentialsError,
  NetworkError,
  SessionExpiredError,
  ValidationError,
} from '@simplejwt-client/core';
import { describe, expect, it } from 'vitest';
import { faults } from '../../support/counting-proxy.js';
import { type RealServer, USERS, settle, until } from '../../support/real-server.js';
import { errorView, expectSessionEnded } from '../../support/real-server-checks.js';
import { type ProbeTarget, probeRefreshTokens } from '../../support/real-server-probe.js';

/** A preset and how its server words a wrong password. */
export interface ErrorTableCase {
  server: RealServer;
  backend: Backend;
  /** Where the issued refresh token is presented behind the client's back (rotation blacklists it). */
  probe: ProbeTarget;
  /** The status of a wrong-password answer: SimpleJWT's 401, dj-rest-auth's 400. */
  wrongPasswordStatus: 401 | 400;
  /** The server's words for it. */
  wrongPasswordDetail: string;
}

/**
 * Registers the error-table tests of one backend. The server must rotate and blacklist refresh
 * tokens (`ROTATING`), have the demo user dave (deactivated and reactivated here), and run
 * SimpleJWT 5.2, which refreshes inactive users, so that the API call meets `user_inactive` however
 * long the deactivation takes (5.5 refuses that refresh: `no_active_account`, see
 * `account-ended-5.5.test.ts`).
 */
export function describeErrorTable({
  server,
  backend,
  probe,
  wrongPasswordStatus,
  wrongPasswordDetail,
}: ErrorTableCase): void {
  describe("the README's error table", () => {
    it('a wrong password: InvalidCredentialsError (no_active_account) with the server’s words', async () => {
      const client = server.client({ backend });
      const outcome = await settle(client.auth.login({ ...USERS.alice, password: 'not-her-password' }));
      const error = outcome.ok ? undefined : outcome.error;
      expect(error).toBeInstanceOf(InvalidCredentialsError);
      expect(errorView(error)).toEqual({
        name: 'InvalidCredentialsError',
        code: 'no_active_account',
        reason: undefined,
        status: wrongPasswordStatus,
      });
      expect((error as InvalidCredentialsError).detail).toBe(wrongPasswordDetail);
      expect(client.auth.getState()).toMatchObject({ status: 'unauthenticated', error: { code: 'no_active_account' } });
      expect(server.proxy.count('obtain', wrongPasswordStatus)).toBe(1);
    });

    it('a missing password field: ValidationError with fieldErrors.password', async () => {
      const client = server.client({ backend });
      const outcome = await settle(client.auth.login({ username: USERS.alice.username }));
      const error = outcome.ok ? undefined : outcome.error;
      expect(error).toBeInstanceOf(ValidationError);
      expect(errorView(error)).toMatchObject({ name: 'ValidationError', code: 'validation_error', status: 400 });
      expect((error as ValidationError).fieldErrors).toEqual({ password: ['This field is required.'] });
      expect(server.proxy.count('obtain', 400)).toBe(1);
    });

    it('a blacklisted refresh token: SessionExpiredError (token_not_valid), the session ends in both clients', async () => {
      const finder = server.client({ backend });
      const other = server.client({ backend, storage: finder.storage });
      await finder.auth.login(USERS.alice);
      await until(
        () => other.auth.getState().status === 'authenticated',
        5_000,
        'the second client to adopt the login',
      );
      // Rotated away behind the client's back: with BLACKLIST_AFTER_ROTATION the server blacklists it.
      const [probed] = await probeRefreshTokens(server.proxy.upstream, server.proxy.issued, probe);
      expect(probed).toEqual({ token: 0, status: 200 });
      const outcome = await settle(finder.auth.refresh());
      await expectSessionEnded({
        outcome,
        reason: 'token_not_valid',
        finder,
        others: [other],
        log: server.proxy.log(),
      });
      expect((outcome as { error: SessionExpiredError }).error).toBeInstanceOf(SessionExpiredError);
      expect(server.proxy.entries.filter((e) => e.endpoint === 'refresh').map((e) => [e.status, e.detail])).toEqual([
        [401, 'Token is blacklisted'],
      ]);
    });

    it('a user deactivated after login: the next API call ends the session (user_inactive)', async () => {
      const finder = server.client({ backend });
      await finder.auth.login(USERS.dave);
      expect((await finder.auth.fetch('api/me/')).status).toBe(200);
      await server.django.manage('set_user_active', USERS.dave.username, 'false');
      try {
        const outcome = await settle(finder.auth.fetch('api/me/'));
        await expectSessionEnded({ outcome, reason: 'user_inactive', finder, log: server.proxy.log() });
        // SimpleJWT 5.2 still refreshes an inactive user (if the access token expired meanwhile):
        // the API call's 401 ends the session, and nothing follows it.
        await server.proxy.quiet();
        expect(server.proxy.count('refresh'), server.proxy.log()).toBe(server.proxy.count('refresh', 200));
        expect(server.proxy.entries.at(-1), server.proxy.log()).toMatchObject({
          endpoint: 'api',
          status: 401,
          code: 'user_inactive',
        });
      } finally {
        await server.django.manage('set_user_active', USERS.dave.username, 'true');
      }
    });

    it('no answer at login (the connection drops): NetworkError', async () => {
      const client = server.client({ backend });
      server.proxy.inject('obtain', faults.reset(), 1);
      const outcome = await settle(client.auth.login(USERS.alice));
      const error = outcome.ok ? undefined : outcome.error;
      expect(error).toBeInstanceOf(NetworkError);
      expect(errorView(error)).toMatchObject({ name: 'NetworkError', code: 'network_error' });
      expect(client.auth.getState().status).toBe('unauthenticated');
      expect(server.proxy.count('obtain')).toBe(1);
    });
  });
}
