/**
 * The server stacks the mock imitates. SimpleJWT's version selects the whole stack it was
 * recorded on, because the differences on the wire come from every layer: SimpleJWT's
 * messages and checks, PyJWT's claim validation, Django's middleware and runserver, and
 * django-cors-headers.
 */
import { MockConfigError } from './config-error.js';

/** The SimpleJWT versions the mock imitates. */
export type SimpleJwtVersion = '5.2' | '5.5';

/** Every supported version, oldest first. */
export const SIMPLEJWT_VERSIONS: readonly SimpleJwtVersion[] = Object.freeze(['5.2', '5.5']);

/** The version used when none is given: the latest. */
export const DEFAULT_SIMPLEJWT_VERSION: SimpleJwtVersion = '5.5';

/** One reference stack: the versions of each layer the mock reproduces. */
export interface Stack {
  /** djangorestframework-simplejwt (5.2.2 or 5.5.0). */
  readonly version: SimpleJwtVersion;
  /** Django (3.2 with SimpleJWT 5.2, 4.2 with 5.5). */
  readonly django: '3.2' | '4.2';
  /** Django REST framework. */
  readonly drf: '3.14' | '3.16';
  /** PyJWT, which decodes and validates the claims. */
  readonly pyjwt: '2.6' | '2.10';
  /** django-cors-headers. */
  readonly corsHeaders: '3.14' | '4.7';
}

const STACKS: Readonly<Record<SimpleJwtVersion, Stack>> = Object.freeze({
  // Debian 12 (bookworm)
  '5.2': Object.freeze({ version: '5.2', django: '3.2', drf: '3.14', pyjwt: '2.6', corsHeaders: '3.14' }),
  // Debian 13 (trixie)
  '5.5': Object.freeze({ version: '5.5', django: '4.2', drf: '3.16', pyjwt: '2.10', corsHeaders: '4.7' }),
});

/** The stack of a SimpleJWT version; throws a {@link MockConfigError} for an unknown one. */
export function stackOf(version: SimpleJwtVersion | undefined): Stack {
  const v = version ?? DEFAULT_SIMPLEJWT_VERSION;
  const stack = (STACKS as Record<string, Stack | undefined>)[v];
  if (!stack) {
    throw new MockConfigError(
      'unknown_version',
      `Unknown SimpleJWT version ${JSON.stringify(v)}: the mock imitates ${SIMPLEJWT_VERSIONS.join(' and ')}`,
    );
  }
  return stack;
}
