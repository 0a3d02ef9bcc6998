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
