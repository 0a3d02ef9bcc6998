/**
 * The example API's own views: `api/me/` (IsAuthenticated) and `api/public/` (AllowAny),
 * written as `@api_view(['GET'])` functions in the reference project.
 */
import type { ViewSpec } from './types.js';

const GET_ONLY = ['GET', 'HEAD', 'OPTIONS'];

/** The `me` and `public` views, with the project's default authentication class. */
export const apiViews = (authenticate: 'jwt' | 'jwt-cookie'): ViewSpec[] => [
  {
    endpoint: 'me',
    name: 'Me',
    description: 'The authenticated user.',
    allowed: GET_ONLY,
    authenticate,
    permission: 'isAuthenticated',
    run: async (ctx) => {
      const user = ctx.auth!.user;
      return { status: 200, data: { id: user.id, username: user.username, email: user.email } };
    },
  },
  {
    endpoint: 'public',
    name: 'Public',
    description: 'Open to everyone; says whether the request was authenticated.',
    allowed: GET_ONLY,
    authenticate,
    permission: 'allowAny',
    run: async (ctx) => ({ status: 200, data: { public: true, authenticated: ctx.auth !== null } }),
  },
];
