/**
 * `mock.protect(resolver)`: the app's own msw handlers behind the mock's `JWTAuthentication`
 * and `IsAuthenticated`, answered exactly like a DRF view of the imitated server when the
 * credentials are missing or refused.
 */
import type {
  DefaultBodyType,
  HttpRequestResolverExtras,
  HttpResponseResolver,
  PathParams,
  ResponseResolver,
} from 'msw';
import type { Authenticated } from './authentication.js';
import type { ViewSpec } from './handlers/types.js';
import type { Pipeline } from './pipeline.js';
import { fromPy } from './py-json/values.js';
import type { StoredUser } from './users.js';

/** The user a protected resolver is called with: the stored user without password or hash. */
export type AuthenticatedUser = Omit<StoredUser, 'password' | 'password_hash'>;

/** What a protected resolver gets besides msw's usual `request`, `params`, `cookies`. */
export type JwtAuthExtras = {
  /** The authenticated user (a copy). */
  user: AuthenticatedUser;
  /** The validated access token's claims (decoded JSON; integers beyond 2^53 as strings). */
  claims: Record<string, unknown>;
};

/** A resolver behind {@link SimpleJwtMock.protect}: msw's `HttpResponseResolver` plus {@link JwtAuthExtras}. */
export type ProtectedResolver<
  Params extends PathParams<keyof Params> = PathParams,
  RequestBodyType extends DefaultBodyType = DefaultBodyType,
  ResponseBodyType extends DefaultBodyType = DefaultBodyType,
> = ResponseResolver<HttpRequestResolverExtras<Params> & JwtAuthExtras, RequestBodyType, ResponseBodyType>;

// An APIView that implements every method: DRF's Allow header for it.
const EVERY_METHOD = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function publicUser(user: StoredUser): AuthenticatedUser {
  const { password: _password, password_hash: _hash, ...rest } = user;
  return { ...rest, claims: { ...rest.claims }, fields: { ...rest.fields } };
}

/** Builds `protect` over a mock's pipeline; `authentication` is the view's authentication class. */
export function createProtect(pipeline: Pipeline, authentication: ViewSpec['authenticate']) {
  return <
    Params extends PathParams<keyof Params> = PathParams,
    RequestBodyType extends DefaultBodyType = DefaultBodyType,
    ResponseBodyType extends DefaultBodyType = DefaultBodyType,
  >(
    resolver: ProtectedResolver<Params, RequestBodyType, ResponseBodyType>,
  ): HttpResponseResolver<Params, RequestBodyType, ResponseBodyType> =>
    (async (info: Parameters<HttpResponseResolver<Params, RequestBodyType, ResponseBodyType>>[0]) => {
      let auth: Authenticated | null = null;
      const view: ViewSpec = {
        endpoint: 'me', // never routed: the app's own handler decides which URL this is
        name: 'Protected',
        description: 'An API view of the app, behind JWT authentication.',
        allowed: EVERY_METHOD,
        authenticate: authentication,
        permission: 'isAuthenticated',
        run: async (ctx) => {
          auth = ctx.auth;
          return { status: 200, data: null };
        },
      };
      // Authentication never reads the body: the resolver still can.
      const refused = await pipeline.django(info.request, () => view, new Uint8Array());
      const granted = auth as Authenticated | null;
      if (!granted) return refused;
      return resolver({
        ...info,
        user: publicUser(granted.user),
        claims: fromPy(granted.token.payload) as Record<string, unknown>,
      });
    }) as HttpResponseResolver<Params, RequestBodyType, ResponseBodyType>;
}
