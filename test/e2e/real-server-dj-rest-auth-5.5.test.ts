/**
 * dj-rest-auth 6 in httpOnly-cookie mode (`JWT_AUTH_HTTPONLY`) on SimpleJWT 5.5 (Django 4.2), in
 * Chromium, page and API on one origin: `djRestAuth({ httpOnly: true })` through the full flow
 * without `JWT_AUTH_COOKIE_USE_CSRF`, `djRestAuth({ httpOnly: true, csrf: true })` through it with
 * CSRF on, and the logout a CSRF-checking server refuses when the client does not send the token.
 */
import { describe, it } from 'vitest';
import { runCookieFlow, runRefusedLogout } from './real-server-dj-rest-auth-flows.js';
import { useDjRestAuthChromium } from './real-server-dj-rest-auth-world.js';

const chromium = useDjRestAuthChromium();

describe('dj-rest-auth cookie mode without CSRF (SimpleJWT 5.5, rotation + blacklist)', () => {
  const server = chromium.configure({ DJRA_USE_CSRF: 'false' }, '5.5');

  it('djRestAuth({ httpOnly: true }): login → calls across refreshes → reload → two tabs → logout revokes every refresh token; scripts never see one', async () => {
    const report = await runCookieFlow(await server.start(), false);
    console.log(`dj-rest-auth cookie mode, 5.5, no CSRF: ${JSON.stringify(report)}`);
  });
});

describe('dj-rest-auth cookie mode with JWT_AUTH_COOKIE_USE_CSRF (SimpleJWT 5.5, rotation + blacklist)', () => {
  const server = chromium.configure({ DJRA_USE_CSRF: 'true' }, '5.5');

  it('djRestAuth({ httpOnly: true, csrf: true }): the full flow, and the logout passes the CSRF check', async () => {
    const report = await runCookieFlow(await server.start(), true);
    console.log(`dj-rest-auth cookie mode, 5.5, CSRF: ${JSON.stringify(report)}`);
  });

  it('without the csrf option the logout is refused (403, LogoutRefusedError): the app learns it, and the refresh cookie stays valid', async () => {
    await runRefusedLogout(await server.start(), 'CSRF Failed: CSRF token missing.');
  });
});
