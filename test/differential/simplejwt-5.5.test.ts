/**
 * Differential test against the real SimpleJWT 5.5.0 server (Django 4.2, DRF 3.16, PyJWT 2.10, Debian 13 packages):
 * every configuration of simplejwt-configs.ts, against examples/django-simplejwt and the mock.
 */
import { differentialSuite } from './simplejwt-configs.js';

differentialSuite('5.5');
