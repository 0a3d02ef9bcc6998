/**
 * DRF's `APIException` family as the mock raises it, and the plain Django errors
 * (400 "Bad Request" from a `SuspiciousOperation`).
 */

/** JSON data in an error body (`{"detail": …}`, field errors, SimpleJWT's detail dicts). */
export type ErrorData = string | Record<string, unknown>;

/** An `APIException`: rendered by DRF's exception handler as `{"detail": …}` or as the dict itself. */
export class ApiException extends Error {
  /** HTTP status. */
  readonly status: number;
  /** `exc.detail`: a string becomes `{"detail": …}`; a dict is rendered as is. */
  readonly detail: ErrorData;
  /** True for `NotAuthenticated` and `AuthenticationFailed`, which get `WWW-Authenticate`. */
  readonly authFailure: boolean;

  /** Builds the exception. */
  constructor(status: number, detail: ErrorData, authFailure = false) {
    super(typeof detail === 'string' ? detail : JSON.stringify(detail));
    this.name = 'ApiException';
    this.status = status;
    this.detail = detail;
    this.authFailure = authFailure;
  }

  /** The response body data. */
  get data(): Record<string, unknown> {
    return typeof this.detail === 'string' ? { detail: this.detail } : this.detail;
  }
}

/** `ParseError(detail)`. */
export const parseError = (detail: string): ApiException => new ApiException(400, detail);
/** `UnsupportedMediaType(media_type)`. */
export const unsupportedMediaType = (mediaType: string): ApiException =>
  new ApiException(415, `Unsupported media type "${mediaType}" in request.`);
/** `MethodNotAllowed(method)`. */
export const methodNotAllowed = (method: string): ApiException =>
  new ApiException(405, `Method "${method}" not allowed.`);
/** `NotAcceptable()`. */
export const notAcceptable = (): ApiException => new ApiException(406, 'Could not satisfy the request Accept header.');
/** `NotFound()`. */
export const notFound = (): ApiException => new ApiException(404, 'Not found.');
/** `NotAuthenticated()`. */
export const notAuthenticated = (): ApiException =>
  new ApiException(401, 'Authentication credentials were not provided.', true);
/** DRF's own `AuthenticationFailed(detail)`: only `detail` reaches the body, never the code. */
export const authenticationFailed = (detail: string): ApiException => new ApiException(401, detail, true);
/** SimpleJWT's `AuthenticationFailed`/`InvalidToken`: a `{"detail", "code", …}` dict. */
export const simpleJwtAuthFailed = (detail: string, code: string, extra: Record<string, unknown> = {}): ApiException =>
  new ApiException(401, { detail, code, ...extra }, true);
/** `ValidationError(errors)` from a serializer: the field errors dict is the body. */
export const validationError = (errors: Record<string, string[]>): ApiException => new ApiException(400, errors);

/** A `SuspiciousOperation` (too many fields, body too big): Django's plain 400 page. */
export class BadRequest extends Error {
  /** Builds the error with Django's log message. */
  constructor(message: string) {
    super(message);
    this.name = 'BadRequest';
  }
}
