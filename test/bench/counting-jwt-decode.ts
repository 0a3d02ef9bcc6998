/**
 * Stands in for `jwt-decode` when the core imports it during `pnpm bench` (see run.ts): the same
 * functions, plus a global counter of decodes, so the bench can count token decodes per call.
 */
import { InvalidTokenError, jwtDecode as realDecode } from 'jwt-decode';

export { InvalidTokenError };

const counter = globalThis as { __benchJwtDecodes?: number };

export const jwtDecode: typeof realDecode = ((token: string, options?: { header?: boolean }) => {
  counter.__benchJwtDecodes = (counter.__benchJwtDecodes ?? 0) + 1;
  return realDecode(token, options as never);
}) as typeof realDecode;

/** Token decodes so far (0 when the core was not loaded through run.ts). */
export function decodeCount(): number {
  return counter.__benchJwtDecodes ?? 0;
}
