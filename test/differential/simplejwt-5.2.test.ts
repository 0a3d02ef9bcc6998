/**
 * Differential test against the real SimpleJWT 5.2.2 server (Django 3.2, DRF 3.14, PyJWT 2.6):
 * every configuration of simplejwt-configs.ts, against examples/django-simplejwt and the mock.
 */
import { differentialSuite } from './simplejwt-configs.js';

differentialSuite('5.2');
