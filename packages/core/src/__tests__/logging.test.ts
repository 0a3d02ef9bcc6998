import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, SimpleJwtClientError, isSessionExpiredError, isSimpleJwtClientError } from '../index.js';
import { alice, setup } from './support.js';

let env: ReturnType<typeof setup>;
afterEach(() => env.teardown());

describe('logging and errors', () => {
  it('never writes a token into a log line, an error message or the state', async () => {
    env = setup({ settings: { ROTATE_REFRESH_TOKENS: true } });
    const lines: string[] = [];
    const record = (message: string, data?: unknown) => lines.push(message + JSON.stringify(data ?? null));
    const auth = env.client({ logger: { debug: record, warn: record, error: record } });
    await auth.ready;
    await auth.login(alice);
    const tokens = [await auth.getAccessToken(), JSON.parse((await env.storage.getItem('simplejwt-client'))!).refresh];
    env.mock.control.fail({ endpoint: 'refresh', status: 502, body: 'html-502', times: 1 });
    await env.world.advance(271_000);
    await env.world.advance(5_000);
    env.mock.control.blacklistUserTokens('alice');
    env.world.setNow(env.world.now() + 301_000);
    const error = await auth.fetch('api/me/').catch((e: unknown) => e);
    expect(isSessionExpiredError(error)).toBe(true);
    expect(lines.length).toBeGreaterThan(0);
    const everything = [...lines, String((error as Error).message), JSON.stringify(auth.getState())].join('\n');
    for (const token of tokens) expect(everything).not.toContain(token!.split('.')[1]);
    expect(everything).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });

  it('redacts a token that the server echoes in an error (a 400 field error quoting the refresh token)', async () => {
    env = setup();
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    const refresh = JSON.parse((await env.storage.getItem('simplejwt-client'))!).refresh as string;
    const echo = { refresh: [`"${refresh}" is not a valid token.`] };
    env.mock.control.fail({ endpoint: 'refresh', status: 400, body: JSON.stringify({ refresh: echo.refresh }) });
    const error = await auth.refresh().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'session_expired', reason: 'validation_error' });
    const cause = (error as Error).cause as Error & { fieldErrors: Record<string, string[]> };
    const seen = JSON.stringify([(error as Error).message, cause.message, cause.fieldErrors, auth.getState()]);
    expect(seen).toContain('[redacted]');
    expect(seen).not.toContain(refresh.split('.')[1]);
  });

  it('recognises its errors across bundles by brand, not by class identity', () => {
    const error = new ApiError('token_not_valid', 'Token is invalid or expired', { status: 401 });
    expect(isSimpleJwtClientError(error)).toBe(true);
    expect(error).toBeInstanceOf(SimpleJwtClientError);
    expect(isSimpleJwtClientError({ code: 'token_not_valid' })).toBe(false);
    expect(error.retryable).toBe(false);
    expect(new ApiError('server_error', 'x', { status: 503 }).retryable).toBe(true);
  });

  it('emits login, refresh and logout events in order', async () => {
    env = setup();
    const auth = env.client();
    await auth.ready;
    await auth.login(alice);
    await auth.refresh();
    await auth.logout();
    expect(env.events.map((e) => e.type)).toEqual([
      'login',
      'refresh-start',
      'refresh-success',
      'logout',
      'logout-revocation',
    ]);
    expect(env.events.at(-1)).toEqual({ type: 'logout-revocation', outcome: 'revoked' });
  });
});
