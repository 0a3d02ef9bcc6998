/**
 * docs/openapi.md's blocks import `./schema.js`: the types openapi-typescript generates from the
 * example API's schema (docs/openapi/example-api.yaml). Generating them in the test, with the same
 * CLI the page tells readers to run, keeps the page, the schema and the generator in step.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** Writes `schema.d.ts` next to docs/openapi.md's blocks (in `<out>/default/openapi/`). */
export async function generateOpenApiTypes(root: string, out: string): Promise<string> {
  const target = join(out, 'default', 'openapi', 'schema.d.ts');
  mkdirSync(dirname(target), { recursive: true });
  // docs/ has TypeScript 5, which openapi-typescript's printer needs (the workspace's 7 has no JS API).
  const cli = join(root, 'docs/node_modules/.bin/openapi-typescript');
  await promisify(execFile)(cli, [join(root, 'docs/openapi/example-api.yaml'), '-o', target]);
  return target;
}
