/** The core suite's worlds: the shared test support (test/support/world.ts), under the names these tests use. */
export {
  advanceInSteps,
  alice,
  baseUrl,
  createWorld as setup,
  refreshGate,
  rotating,
  twoTabsLoggedIn,
  until,
  useContinuously,
  type World,
} from '../../../../test/support/world.js';
