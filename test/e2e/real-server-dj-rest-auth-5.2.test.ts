/**
 * dj-rest-auth 6 in httpOnly-cookie mode (`JWT_AUTH_HTTPONLY`) with `JWT_AUTH_COOKIE_USE_CSRF` on
 * SimpleJWT 5.2 (Django 3.2), in Chromium, page and API on one origin:
 * `djRestAuth({ httpOnly: true, csrf: true })` through the full flow, the logout the server refuses
 * when the client does not send the CSRF token, and the README's error table. (Without CSRF the
 * flow runs on SimpleJWT 5.5, `real-server-dj-rest-auth-5.5.test.ts`.)
 */
import { describe, it } from 'vitest';
import { describeCookieErrorTable } from './real-server-dj-rest-auth-errors.js';
import { runCookieFlow, runRefusedLogout } from './real-server-dj-rest-auth-flows.js';
import { useDjRestAuthChromium } from './real-server-dj-rest-auth-world.js';

const chromium = useDjRestAuthChromium();

describe('dj-rest-auth cookie mode with JWT_AUTH_COOKIE_USE_CSRF (SimpleJWT 5.2, rotation + blacklist)', () => {
  const server = chromium.configure({ DJRA_USE_CSRF: 'true' }, '5.2');

  it('djRestAuth({ httpOnly: true, csrf: true }): login → calls across refreshes → reload → two tabs → logout passes the CSRF check and revokes every refresh token; scripts never see one', async () => {
    const report = await runCookieFlow(await server.start(), true);
    console.log(`dj-rest-auth cookie mode, 5.2, CSRF: ${JSON.stringify(report)}`);
  });

  it('without the csrf option the logout is refused (403, LogoutRefusedError): the app learns it, and the refresh cookie stays valid', async () => {
    await runRefusedLogout(await server.start(), 'CSRF Failed: CSRF token missing or incorrect.');
  });

  describeCookieErrorTable(() => server.start());
});
