/**
 * Test helpers, published as `@simplejwt-client/core/testing`: a deterministic platform with
 * virtual time, for testing apps and adapters built on the client without real timers or tabs.
 *
 * @packageDocumentation
 */
export {
  createTestPlatform,
  type TestPlatform,
  type TestPlatformOptions,
} from './platform/test-platform.js';
