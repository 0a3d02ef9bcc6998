/**
 * The app (`app/`, screens included) type-checks against React Native's, Expo SecureStore's and
 * AsyncStorage's own types, with React Native's compiler settings (no DOM library, the
 * `react-native` export condition). `app/type-checks.ts` holds `@ts-expect-error` lines that fail
 * the check if those types were ever missing or `any`.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

it('tsc -p examples/react-native reports no error', async () => {
  const run = promisify(execFile)(`${root}node_modules/.bin/tsc`, ['-p', 'examples/react-native/tsconfig.json'], {
    cwd: root,
  });
  await expect(run.then((r) => r.stdout)).resolves.toBe('');
}, 60_000);
