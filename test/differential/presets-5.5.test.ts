/**
 * Differential test of dj-rest-auth's JWT mode and djoser in front of SimpleJWT 5.5: every
 * configuration of preset-configs.ts, against examples/django-simplejwt and the mock.
 */
import { presetSuite } from './preset-configs.js';

presetSuite('5.5');
