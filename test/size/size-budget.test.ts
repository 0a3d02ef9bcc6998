/**
 * Size budgets (gzip, 1 kB = 1000 bytes) and tree shaking, measured with esbuild + node:zlib on
 * the packages' TypeScript source (`source` condition), minified for browsers. The full comparison
 * table with the other auth SDKs is in the bench (`pnpm bench`); this test measures ours only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { budgets, checkBudgets, measureAll, sizeRows, sizeTable, treeShaking, type Measured } from './measure.js';

let measured: Measured[];

beforeAll(async () => {
  measured = await measureAll(sizeRows.filter((row) => row.ours || row.id.startsWith('floor')));
  console.log(`\nBundle sizes in kB (1000 bytes), esbuild --minify, gzip -9, brotli -q 11:\n${sizeTable(measured)}\n`);
});

describe('size budgets', () => {
  it.each(budgets.map((b) => [b.what, b] as const))('%s', (_what, budget) => {
    const result = checkBudgets(measured).find((r) => r.what === budget.what)!;
    console.log(
      `${result.ok ? 'PASS' : 'FAIL'} ${budget.what}: ${result.actual} B of ${result.limit} B ` +
        `(${result.limit - result.actual} B margin; target ${result.target} B, ${result.actual <= result.target ? 'met' : `${result.actual - result.target} B to go`})`,
    );
    expect(result.actual, `${budget.what}: ${result.actual} B > ${result.limit} B`).toBeLessThanOrEqual(result.limit);
  });

  it('tree-shakes: createAuthClient with memory storage pulls in neither ky, axios, their entries, the cookie strategy nor another backend', async () => {
    const result = await treeShaking();
    console.log(`createAuthClient + memoryStorage only: ${result.gzip} B gzip`);
    expect(result.leaked).toEqual([]);
  });
});
