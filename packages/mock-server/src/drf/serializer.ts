/**
 * DRF's `Serializer.to_internal_value` for serializers made of `CharField`s, which is
 * all SimpleJWT's serializers use: field order, error messages and value coercion.
 */
import { pyStr, pyStrip, pyTypeName } from '../py-builtins.js';
import { PyFloat, type PyValue } from '../py-json/values.js';
import { isValidEmail } from './email-validator.js';
import { ApiException, validationError } from './exceptions.js';
import type { RequestData } from './parsers.js';

const EMPTY = Symbol('empty');
type Primitive = PyValue | { filename: string } | typeof EMPTY;

function getValue(data: RequestData, name: string): Primitive {
  if (data.kind === 'form') {
    const list = data.fields.get(name);
    // QueryDict.__getitem__ returns the last value.
    return list && list.length > 0 ? list[list.length - 1]! : EMPTY;
  }
  const dict = data.value as Map<string, PyValue>;
  return dict.has(name) ? dict.get(name)! : EMPTY;
}

function strOf(v: Primitive): string {
  if (v === EMPTY) return "<class 'rest_framework.fields.empty'>";
  if (v !== null && typeof v === 'object' && 'filename' in v) return v.filename;
  return pyStr(v as PyValue);
}

/** A `CharField` (or `EmailField`) of a serializer. */
export interface CharFieldSpec {
  /** Field name. */
  name: string;
  /** `required` (default true). */
  required?: boolean;
  /** `allow_blank` (default false). */
  allowBlank?: boolean;
  /** An `EmailField`: also Django's `EmailValidator`. */
  email?: boolean;
}

type FieldOutcome = { ok: true; value: string } | { ok: true; skip: true } | { ok: false; errors: string[] };

/** `CharField(...).run_validation(value)` (`trim_whitespace`, no null). */
function runCharField(v: Primitive, spec: CharFieldSpec = { name: '' }): FieldOutcome {
  if (v === '' || pyStrip(strOf(v)) === '') {
    return spec.allowBlank ? { ok: true, value: '' } : { ok: false, errors: ['This field may not be blank.'] };
  }
  if (v === EMPTY)
    return spec.required === false ? { ok: true, skip: true } : { ok: false, errors: ['This field is required.'] };
  if (v === null) return { ok: false, errors: ['This field may not be null.'] };
  const isStringLike = typeof v === 'string' || typeof v === 'bigint' || v instanceof PyFloat;
  if (!isStringLike) return { ok: false, errors: ['Not a valid string.'] };
  const value = pyStrip(pyStr(v));
  const errors: string[] = [];
  if (value.includes('\u0000')) errors.push('Null characters are not allowed.');
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      errors.push(`Surrogate characters are not allowed: U+${c.toString(16).toUpperCase()}.`);
      break;
    }
  }
  if (spec.email && !isValidEmail(value)) errors.push('Enter a valid email address.');
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

/**
 * Validates the named `CharField`s of a serializer against request data: the
 * `Invalid data` error for non-dicts, `No data provided` for JSON `null`, then
 * per-field errors in field order. Returns the cleaned strings.
 */
export function validateCharFields(
  data: RequestData,
  fields: readonly (string | CharFieldSpec)[],
): Record<string, string> {
  if (data.kind === 'json') {
    if (data.value === null) throw new ApiException(400, { non_field_errors: ['No data provided'] });
    if (!(data.value instanceof Map)) {
      throw new ApiException(400, {
        non_field_errors: [`Invalid data. Expected a dictionary, but got ${pyTypeName(data.value)}.`],
      });
    }
  }
  const out: Record<string, string> = {};
  const errors: Record<string, string[]> = {};
  for (const field of fields) {
    const spec = typeof field === 'string' ? { name: field } : field;
    const r = runCharField(getValue(data, spec.name), spec);
    if (!r.ok) errors[spec.name] = r.errors;
    else if ('value' in r) out[spec.name] = r.value;
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return out;
}
