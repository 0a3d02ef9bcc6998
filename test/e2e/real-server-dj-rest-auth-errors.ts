/**
 * The README's "Errors" table in dj-rest-auth's cookie mode, in Chromium (issue 10, "the README's
 * error table holds for every backend"): the rows a page meets at login, refresh and API calls,
 * with the real server's answers and the httpOnly refresh cookie.
 */
import { describe, expect, it } from 'vitest';
import { faults } from '../support/counting-proxy.js';
import type { DjraEventView } from './page/dj-rest-auth-api.js';
import { ALICE, DAVE, type DjraWorld } from './real-server-dj-rest-auth-world.js';

/** Starts a world on the server under test. */
type Start = () => Promise<DjraWorld>;

/** The `session-expired` and `configuration-error` events of a tab. */
const ends = (events: DjraEventView[]): DjraEventView[] =>
  events.filter((e) => e.type === 'session-expired' || e.type === 'configuration-error');

/** Revokes a refresh token behind the page's back, as dj-rest-auth's logout does with its cookie. */
async function revokeDirectly(world: DjraWorld, refresh: string): Promise<void> {
  const response = await fetch(new URL('dj-rest-auth/logout/', world.django.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `refresh=${refresh}` },
    body: '{}',
  });
  expect(response.status).toBe(200);
}

/**
 * Registers the error-table tests on a cookie-mode server with `JWT_AUTH_COOKIE_USE_CSRF` (the page
 * sends `X-CSRFToken`) on SimpleJWT 5.2, which still refreshes inactive users, so that the API
 * call meets `user_inactive` however long the deactivation takes.
 */
export function describeCookieErrorTable(start: Start): void {
  describe("the README's error table in cookie mode", () => {
    it('a wrong password: InvalidCredentialsError (no_active_account) from dj-rest-auth’s 400', async () => {
      const world = await start();
      const tab = await world.open({ csrf: true });
      expect(await tab.login({ username: ALICE.username, password: 'not-her-password' })).toEqual({
        ok: false,
        error: {
          name: 'InvalidCredentialsError',
          code: 'no_active_account',
          status: 400,
          detail: 'Unable to log in with provided credentials.',
        },
      });
      expect(await tab.state()).toMatchObject({ status: 'unauthenticated', error: { code: 'no_active_account' } });
    });

    it('a missing password field: ValidationError with fieldErrors.password', async () => {
      const world = await start();
      const tab = await world.open({ csrf: true });
      expect(await tab.login({ username: ALICE.username })).toMatchObject({
        ok: false,
        error: {
          name: 'ValidationError',
          code: 'validation_error',
          status: 400,
          fieldErrors: { password: ['This field is required.'] },
        },
      });
    });

    for (const refreshedFirst of [true, false]) {
      it(`a blacklisted refresh cookie${refreshedFirst ? ' (after a refresh)' : ' (right after login)'}: SessionExpiredError (token_not_valid), no misdiagnosis`, async () => {
        const world = await start();
        const tab = await world.open({ csrf: true });
        expect(await tab.login(ALICE)).toMatchObject({ ok: true });
        if (refreshedFirst) expect(await tab.refresh()).toEqual({ ok: true, value: undefined });
        await revokeDirectly(world, world.proxy.issued.at(-1)!);
        const expired = {
          name: 'SessionExpiredError',
          code: 'session_expired',
          reason: 'token_not_valid',
          status: 401,
        };
        expect(await tab.refresh()).toMatchObject({ ok: false, error: expired });
        expect(await tab.state()).toMatchObject({ status: 'unauthenticated', userId: null });
        // The cookie did come back (the server named it blacklisted): no refresh_cookie_missing diagnosis.
        expect(ends(await tab.events())).toEqual([
          { type: 'session-expired', error: expect.objectContaining(expired) },
        ]);
        expect(
          world.proxy.entries.filter((e) => e.endpoint === 'refresh').map((e) => [e.status, e.detail]),
        ).toContainEqual([401, 'Token is blacklisted']);
      });
    }

    it('a user deactivated after login: the next API call ends the session (user_inactive); a login while his access cookie lives is refused by it (ApiError, not InvalidCredentialsError)', async () => {
      const world = await start();
      const tab = await world.open({ csrf: true });
      expect(await tab.login(DAVE)).toMatchObject({ ok: true });
      expect(await tab.me()).toEqual({ ok: true, value: { status: 200, id: DAVE.id } });
      await world.django.manage('set_user_active', DAVE.username, 'false');
      try {
        // SimpleJWT 5.2 still refreshes dave (and sets a fresh access cookie): only the API call tells.
        expect(await tab.refresh()).toEqual({ ok: true, value: undefined });
        const inactive = { name: 'SessionExpiredError', code: 'session_expired', reason: 'user_inactive', status: 401 };
        expect(await tab.me()).toMatchObject({ ok: false, error: inactive });
        expect(await tab.state()).toMatchObject({ status: 'unauthenticated', userId: null });
        expect(ends(await tab.events())).toEqual([
          { type: 'session-expired', error: expect.objectContaining(inactive) },
        ]);

        // alice, with her right password, in the same browser while dave's access cookie lives:
        // dj-rest-auth authenticates the login request by that cookie before it reads the body.
        const refused = { name: 'ApiError', code: 'user_inactive', status: 401, detail: 'User is inactive' };
        expect(await tab.login(ALICE)).toEqual({ ok: false, error: refused });
        expect(world.proxy.entries.at(-1)).toMatchObject({ endpoint: 'obtain', status: 401, code: 'user_inactive' });
      } finally {
        await world.django.manage('set_user_active', DAVE.username, 'true');
      }
    });

    it('no answer at login (the connection drops): NetworkError', async () => {
      const world = await start();
      const tab = await world.open({ csrf: true });
      // Every attempt: Chromium resends a request whose connection closed before any answer.
      world.proxy.inject('obtain', faults.reset());
      expect(await tab.login(ALICE)).toMatchObject({
        ok: false,
        error: { name: 'NetworkError', code: 'network_error' },
      });
      expect(await tab.state()).toMatchObject({ status: 'unauthenticated' });
    });
  });
}
