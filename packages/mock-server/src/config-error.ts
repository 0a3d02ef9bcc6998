/**
 * The error thrown for a mock configuration the mock cannot honour.
 */

/** Why a mock's configuration was refused. */
export type MockConfigErrorCode =
  | 'unknown_version'
  | 'unknown_setting'
  | 'unsupported_setting'
  | 'setting_not_in_version'
  | 'invalid_setting'
  | 'invalid_option';

/**
 * A mock option or `SIMPLE_JWT` setting the mock cannot honour. Thrown by
 * `createSimpleJwtMock` (and `startMockServer`, before it listens); `code` is stable,
 * `setting` names the offending setting or option.
 */
export class MockConfigError extends TypeError {
  /** What is wrong. */
  readonly code: MockConfigErrorCode;
  /** The setting or option concerned, when there is one. */
  readonly setting: string | undefined;

  /** Builds the error. */
  constructor(code: MockConfigErrorCode, message: string, setting?: string) {
    super(message);
    this.name = 'MockConfigError';
    this.code = code;
    this.setting = setting;
  }
}
