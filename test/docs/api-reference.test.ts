/**
 * The API reference check (`pnpm docs:check`, in the test command) fails on an export without
 * TSDoc: TypeDoc with the repository's shared options (docs/typedoc/base.json) is run on a
 * two-export module, once with both documented and once with one not.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'typedoc-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs TypeDoc with the shared options on `source`; resolves its exit code and output. */
async function typedoc(source: string): Promise<{ code: number; output: string }> {
  writeFileSync(join(dir, 'entry.ts'), source);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true }, files: ['entry.ts'] }));
  writeFileSync(
    join(dir, 'typedoc.json'),
    JSON.stringify({
      extends: [join(root, 'docs/typedoc/base.json')],
      tsconfig: join(dir, 'tsconfig.json'),
      entryPoints: [join(dir, 'entry.ts')],
      name: 'fixture',
      out: join(dir, 'out'),
    }),
  );
  const bin = join(root, 'docs/node_modules/.bin/typedoc');
  return promisify(execFile)(bin, ['--options', join(dir, 'typedoc.json')]).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? 1,
      output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
    }),
  );
}

it('passes when every export has TSDoc, fails naming the export that has none', async () => {
  const documented = await typedoc(
    '/** Doubles. */\nexport const twice = (n: number) => 2 * n;\n/** A name. */\nexport type Name = string;\n',
  );
  expect(documented).toEqual({ code: 0, output: '' });

  const undocumented = await typedoc(
    '/** Doubles. */\nexport const twice = (n: number) => 2 * n;\nexport type Name = string;\n',
  );
  expect(undocumented.code).not.toBe(0);
  expect(undocumented.output).toContain('Name');
  expect(undocumented.output).toContain('does not have any documentation');
}, 60_000);
