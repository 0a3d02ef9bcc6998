/**
 * `@simplejwt-client/mock-server`: Django REST Framework + SimpleJWT's token endpoints as
 * msw handlers, a plain `handle(request)` function and a mock `fetch`, plus `protect` to put
 * the app's own msw handlers behind the same JWT authentication. The standalone HTTP server is
 * in `@simplejwt-client/mock-server/node`.
 */
export { createSimpleJwtMock, createSimpleJwtHandlers, type SimpleJwtMock, type SimpleJwtMockOptions } from './mock.js';
export type { MockControl, RequestLogEntry, UserPatch } from './control.js';
export type { FaultSpec } from './faults.js';
export type { CorsOptions } from './cors.js';
export { DEFAULT_CORS_ORIGINS } from './cors.js';
export { DEFAULT_ENDPOINTS, ENDPOINT_NAMES, type EndpointName, type RefreshCookieOptions } from './handlers/types.js';
export {
  DEFAULT_SETTINGS,
  DEFAULT_SIGNING_KEY,
  resolveSettings,
  SETTINGS_ADDED_IN_5_3,
  UNMODELLED_SETTINGS,
  type Lifetime,
  type SimpleJwtSettings,
  type SimpleJwtSettingsInput,
  type UnmodelledSettingName,
} from './settings.js';
export { DEFAULT_SIMPLEJWT_VERSION, SIMPLEJWT_VERSIONS, type SimpleJwtVersion, type Stack } from './versions.js';
export { MockConfigError, type MockConfigErrorCode } from './config-error.js';
export { DEMO_USERS, type MockUser, type StoredUser } from './users.js';
export type { Clock } from './state.js';
export type { AuthenticatedUser, JwtAuthExtras, ProtectedResolver } from './protect.js';
