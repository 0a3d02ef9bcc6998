/**
 * `@simplejwt-client/mock-server`: Django REST Framework + SimpleJWT's token endpoints as
 * msw handlers, a plain `handle(request)` function and a mock `fetch`.
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
export { getRawHeaders } from './wire.js';
export { signJwt, peekJwtPayload, type HmacAlgorithm } from './jwt.js';
export { PyFloat, type PyDict, type PyValue } from './py-json/values.js';
