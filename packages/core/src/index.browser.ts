/**
 * The browser build of the public API (the `browser` export condition): the same exports as
 * `index.ts`, with platform detection that carries no Node or React Native fallbacks.
 */
export * from './index.js';
export { createAuthClient } from './create-auth-client.browser.js';
export { detectPlatform } from './platform/default.browser.js';
