/**
 * Turns the client's errors into what a person can act on: one message for the form, plus DRF's
 * per-field messages for the inputs.
 */
import {
  InvalidCredentialsError,
  NetworkError,
  RequestTimeoutError,
  SessionExpiredError,
  ValidationError,
  type SimpleJwtClientError,
} from '@simplejwt-client/core';

/** What the login form shows for an error. */
export interface FormErrors {
  /** The message above the form, if any. */
  form: string | null;
  /** Messages per field (`username`, `password`), from DRF's validation errors. */
  fields: Record<string, string>;
}

/** The messages of a login, refresh or logout error, as the login form shows them. */
export function describeAuthError(error: SimpleJwtClientError | null): FormErrors {
  if (error === null) return { form: null, fields: {} };
  if (error instanceof InvalidCredentialsError) {
    // SimpleJWT does not say whether the user is unknown, inactive or the password is wrong.
    return { form: 'Wrong username or password. Please try again.', fields: {} };
  }
  if (error instanceof ValidationError) {
    const { non_field_errors: general, ...perField } = error.fieldErrors;
    const fields = Object.fromEntries(Object.entries(perField).map(([name, messages]) => [name, messages.join(' ')]));
    return { form: general?.join(' ') ?? null, fields };
  }
  if (error instanceof SessionExpiredError) {
    return { form: 'Your session has expired. Please sign in again.', fields: {} };
  }
  if (error instanceof NetworkError || error instanceof RequestTimeoutError) {
    return { form: 'The server cannot be reached. Check your connection and try again.', fields: {} };
  }
  return { form: error.detail ?? error.message, fields: {} };
}
