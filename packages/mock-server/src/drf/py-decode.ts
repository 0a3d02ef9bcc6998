/**
 * Python's incremental UTF-8 decoder as `codecs.getreader('utf-8')(stream).read()` runs it:
 * errors name the offending bytes, and an incomplete sequence at the very end is dropped.
 */

/** A `UnicodeDecodeError` message, as `str(exc)` shows it. */
export class PyDecodeError extends Error {
  /** Builds the error. */
  constructor(message: string) {
    super(message);
    this.name = 'PyDecodeError';
  }
}

function fail(bytes: Uint8Array, start: number, valid: number, reason: string): never {
  const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;
  throw new PyDecodeError(
    valid <= 1
      ? `'utf-8' codec can't decode byte ${hex(bytes[start]!)} in position ${start}: ${reason}`
      : `'utf-8' codec can't decode bytes in position ${start}-${start + valid - 1}: ${reason}`,
  );
}

/** Decodes UTF-8 like Python's stream reader (`final=False`), or throws {@link PyDecodeError}. */
export function pyDecodeUtf8Stream(bytes: Uint8Array): string {
  let i = 0;
  let end = bytes.length;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else fail(bytes, i, 1, 'invalid start byte');
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) {
        end = i;
        i = bytes.length;
        break;
      }
      const c = bytes[i + k]!;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) fail(bytes, i, k, 'invalid continuation byte');
    }
    if (i < bytes.length) i += need + 1;
  }
  return new TextDecoder('utf-8').decode(bytes.subarray(0, end));
}
