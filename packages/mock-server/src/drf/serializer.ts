/**
 * DRF's `Serializer.to_internal_value` for serializers made of `CharField`s, which is
 * all SimpleJWT's serializers use: field order, error messages and value coercion.
 */
import { pyStr, pyStrip, pyTypeName } from '../py-builtins.js';
import { PyFloat, type PyValue } from '../py-json/values.js';
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

/** `CharField().run_validation(value)` with DRF's defaults (`trim_whitespace`, no blank, no null). */
function runCharField(v: Primitive): { ok: true; value: string } | { ok: false; errors: string[] } {
  if (v === '' || pyStrip(strOf(v)) === '') return { ok: false, errors: ['This field may not be blank.'] };
  if (v === EMPTY) return { ok: false, errors: ['This field is required.'] };
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
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

/**
 * Validates the named `CharField`s of a serializer against request data: the
 * `Invalid data` error for non-dicts, `No data provided` for JSON `null`, then
 * per-field errors in field order. Returns the cleaned strings.
 */
export function validateCharFields(data: RequestData, fields: readonly string[]): Record<string, string> {
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
  for (const name of fields) {
    const r = runCharField(getValue(data, name));
    if (r.ok) out[name] = r.value;
    else errors[name] = r.errors;
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return out;
}
