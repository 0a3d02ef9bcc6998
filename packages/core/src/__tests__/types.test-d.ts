// Type tests: checked by `pnpm typecheck` (tsc), which the test command runs; a wrong type fails it.
import type { KyInstance } from 'ky';
import { expectTypeOf } from 'vitest';
import {
  createAuthClient,
  isSimpleJwtClientError,
  type AuthEvent,
  type AuthStatus,
  type ErrorCode,
  type SimpleJwtClaims,
  type StorageAdapter,
} from '../index.js';
import { createAuthKy } from '../ky.js';

type Claims = { user_id: number; username: string };
const auth = createAuthClient<Claims>({ baseUrl: 'https://api.example.com/' });

// Claims are the user's generic plus SimpleJWT's own.
expectTypeOf(auth.getState().claims).toEqualTypeOf<(Claims & SimpleJwtClaims) | null>();
expectTypeOf(auth.getState().status).toEqualTypeOf<AuthStatus>();
expectTypeOf(auth.getAccessToken()).resolves.toEqualTypeOf<string | null>();
expectTypeOf(auth.fetch).parameters.toEqualTypeOf<[input: RequestInfo | URL, init?: RequestInit]>();
expectTypeOf(auth.fetch).returns.resolves.toEqualTypeOf<Response>();
expectTypeOf(createAuthKy(auth)).toEqualTypeOf<KyInstance>();

// localStorage and async storages (React Native AsyncStorage) fit the adapter as they are.
expectTypeOf<Storage>().toMatchTypeOf<StorageAdapter>();
expectTypeOf<{
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}>().toMatchTypeOf<StorageAdapter>();

// Errors narrow by guard and carry a stable code union.
const caught: unknown = null;
if (isSimpleJwtClientError(caught)) expectTypeOf(caught.code).toEqualTypeOf<ErrorCode>();

// Events are a discriminated union.
auth.on((event: AuthEvent) => {
  if (event.type === 'refresh-success') expectTypeOf(event.rotated).toEqualTypeOf<boolean>();
});

// @ts-expect-error baseUrl is required
createAuthClient({});

// Login credentials are JSON values: a form's FormDataEntryValue (possibly a File) does not pass.
declare const entry: FormDataEntryValue | null;
// @ts-expect-error a File is not a credential
void auth.login({ username: entry, password: 'x' });
// A typed obtain body, and the login answer's other fields typed at the call.
const typed = createAuthClient<Claims, { email: string; password: string }>({ baseUrl: 'https://api.example.com/' });
// @ts-expect-error the obtain body of this backend takes email, not username
void typed.login({ username: 'a', password: 'b' });
expectTypeOf(typed.login<{ user: { pk: number } }>({ email: 'a@example.com', password: 'b' })).resolves.toEqualTypeOf<{
  user: { pk: number };
}>();

// The store is read-only: no setState.
// @ts-expect-error readers cannot change the state
auth.store.setState({});
expectTypeOf(auth.store.getInitialState().status).toEqualTypeOf<AuthStatus>();

// Session-end reasons and configuration problems are typed.
auth.on((event) => {
  if (event.type === 'session-expired') expectTypeOf(event.error.reason).toMatchTypeOf<string>();
  if (event.type === 'configuration-error')
    expectTypeOf(event.error.code).toEqualTypeOf<
      'auth_header_type_mismatch' | 'cookies_unavailable' | 'refresh_cookie_missing'
    >();
});
