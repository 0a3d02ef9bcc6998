/**
 * The bench: runs every measurement in one process, prints progress, writes
 * `bench/results/latest.md`, and exits non-zero when an exact count is off or a size budget fails.
 * Timings are reported, never judged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { guaranteeCosts } from '../size/guarantee-costs.js';
import { checkBudgets, measureAll, sizeRows, sizeTable, treeShaking, whereTheBytesGo } from '../size/measure.js';
import { accessTokenCost, requestOverhead } from './overhead.js';
import {
  amplification,
  soak,
  startup,
  wastedRoundTrips,
  type AmplificationCase,
  type AmplificationResult,
} from './scenarios.js';
import { cadence, idleRefreshes, logoutRace } from './lifecycle-scenarios.js';
import { serverThroughput } from './servers.js';

const quick = process.argv.includes('--quick');
const failures: string[] = [];
const sections: string[] = [];
const began = performance.now();

function check(ok: boolean, what: string): string {
  if (!ok) failures.push(what);
  return ok ? '✅' : '❌';
}

async function section(title: string, body: () => Promise<string>): Promise<void> {
  const start = performance.now();
  process.stdout.write(`▶ ${title} … `);
  try {
    const text = await body();
    sections.push(`### ${title}\n\n${text}\n`);
    console.log(`${((performance.now() - start) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.log('ERROR');
    console.error(error);
    failures.push(`${title}: the measurement threw (${error instanceof Error ? error.message : String(error)})`);
    sections.push(`### ${title}\n\n**Error:** ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

const fmt = (n: number, digits = 1): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (n: number): string => n.toLocaleString('en-US');

await section('Bundle size (kB = 1000 bytes; esbuild --minify, browser, ES2022; gzip -9, brotli -q 11)', async () => {
  const measured = await measureAll();
  const budgets = checkBudgets(measured);
  const shake = await treeShaking();
  const areas = await whereTheBytesGo(sizeRows.find((row) => row.id === 'ours-fetch')!);
  const lines = [
    sizeTable(measured),
    '',
    '"all" includes every dependency; "own" leaves out every package but the library itself (ours: without jwt-decode, zustand, ky, axios). Packages that ship pre-bundled dependencies (auth0-spa-js, axios) have the same "all" and "own". The React rows (ours and react-oidc-context) leave `react` out (the app has it anyway); for our React row, "own" is the binding alone, its "all" the binding plus the core and its dependencies.',
    '',
    '| budget (gzip) | limit (fails the build) | issue target | measured | margin to limit | |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...budgets.map(
      (b) =>
        `| ${b.what} | ${int(b.limit)} B | ${int(b.target)} B | ${int(b.actual)} B | ${int(b.limit - b.actual)} B | ${check(b.ok, `size budget: ${b.what}: ${b.actual} B > ${b.limit} B`)} |`,
    ),
    `| tree shaking: \`createAuthClient\` + \`memoryStorage\` pulls neither ky, axios, their entries, nor the cookie strategy (${int(shake.gzip)} B gzip) | | ${shake.leaked.length ? shake.leaked.join(', ') : 'nothing leaked'} | | ${check(shake.ok, `tree shaking: ${shake.leaked.join(', ')}`)} |`,

    '',
    "Where the bytes of the fetch-only typical import go (own code; minified bytes per feature area from esbuild's metafile, gzip share estimated pro rata):",
    '',
    '| area | minified | share | ≈ gzip |',
    '| --- | ---: | ---: | ---: |',
    ...areas.map(
      (a) =>
        `| ${a.area} | ${int(a.minified)} B | ${fmt((100 * a.minified) / areas.at(-1)!.minified, 0)} % | ${int(a.gzipEstimate)} B |`,
    ),
  ];
  return lines.join('\n');
});

await section('What each guarantee costs in the fetch-only typical import', async () => {
  const { baseline, rows, allLeftOut } = await guaranteeCosts();
  return [
    `The fetch-only typical import bundled again with one guarantee left out (its module swapped for a stub; callers unchanged, so each saving is a lower bound). With every guarantee: ${int(baseline)} B gzip.`,
    '',
    '| left out | gzip without it | saves |',
    '| --- | ---: | ---: |',
    ...rows.map((r) => `| ${r.what} | ${int(r.without)} B | ${int(r.saves)} B |`),
    `| all five together | ${int(allLeftOut)} B | ${int(baseline - allLeftOut)} B |`,
  ].join('\n');
});

await section('Refresh amplification (in-process mock, virtual time)', async () => {
  const ns = [1, 10, 100, 1000];
  const groups: Array<Omit<AmplificationCase, 'n'>> = [];
  for (const mode of ['expired', 'rejected'] as const)
    for (const path of ['fetch', 'ky', 'axios'] as const)
      for (const instances of [1, 10]) groups.push({ mode, path, instances });
  const lines = [
    `| path | instances sharing storage | token | ${ns.map((n) => `N = ${int(n)}`).join(' | ')} | |`,
    `| --- | ---: | --- | ${ns.map(() => '---:').join(' | ')} | --- |`,
  ];
  for (const g of groups) {
    const results: AmplificationResult[] = [];
    for (const n of ns) results.push(await amplification({ ...g, n }));
    const ok = results.every(
      (r) => r.refreshes === 1 && r.failed === 0 && r.unauthorized === (g.mode === 'rejected' ? r.n : 0),
    );
    const cell = (r: AmplificationResult) =>
      `${r.refreshes} / ${r.failed}${g.mode === 'rejected' ? ` / ${int(r.unauthorized)}` : ''} (${fmt(r.ms, 0)} ms)`;
    lines.push(
      `| ${g.path === 'fetch' ? '`auth.fetch`' : g.path} | ${g.instances} | ${g.mode === 'expired' ? 'expired on the device' : 'rejected by the server (401)'} | ${results.map(cell).join(' | ')} | ${check(ok, `amplification ${JSON.stringify(g)}: ${results.map((r) => `${r.n}:${r.refreshes}/${r.failed}/${r.unauthorized}`).join(' ')}`)} |`,
    );
  }
  lines.push(
    '',
    'Cells: refresh requests sent / failed callers (goal: 1 / 0); for server-side rejection also the 401s seen (each caller is retried once, so N). The time is the whole burst, in-process.',
  );
  return lines.join('\n');
});

await section('Wasted round trips: a simulated hour with 5-minute access tokens', async () => {
  const r = await wastedRoundTrips();
  const ok401 = r.unauthorized === 0 && r.failed === 0;
  const okRefresh = r.refreshes <= r.bound;
  return [
    '| session | API requests | 401s (goal 0) | refreshes | goal ⌈session ÷ lifetime⌉ | bound ⌈session ÷ (lifetime − leeway)⌉ | timer wake-ups in the hour | timers set | |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    `| ${r.sessionMinutes} min | ${r.apiRequests} | ${r.unauthorized} | ${r.refreshes} | ${r.goal} | ${r.bound} | ${r.timerWakeups} | ${r.timersSet} | ${check(ok401, `wasted: ${r.unauthorized} 401s, ${r.failed} failed requests`)}${check(okRefresh, `wasted: ${r.refreshes} refreshes > ${r.bound}`)} |`,
    '',
    `Script: 20 min active (a request every 15 s), 10 min asleep (clock jumps, no timer fires, then a wake-up signal), 10 min active, 10 min hidden (clock moves, no timer fires, a request a minute; visible again at the end), 10 min active. Access tokens live ${r.lifetimeS} s and are refreshed ${r.leewayS} s before expiry; the sleep and the hidden tab need no refresh while nothing is requested.`,
  ].join('\n');
});

await section('Per-request overhead (loopback Node HTTP server, sequential, keep-alive)', async () => {
  const r = await requestOverhead(quick ? 2_000 : 10_000);
  const t = await accessTokenCost(quick ? 20_000 : 200_000);
  const zero = t.storageReads === 0 && t.storageWrites === 0 && t.locks === 0 && (!t.decodesCounted || t.decodes === 0);
  return [
    '| client | µs / request | vs plain |',
    '| --- | ---: | ---: |',
    `| plain \`fetch\` | ${fmt(r.micros.fetch)} | 1.00× |`,
    `| \`auth.fetch\` | ${fmt(r.micros.authFetch)} | ${fmt(r.micros.authFetch / r.micros.fetch, 2)}× plain fetch |`,
    `| plain ky | ${fmt(r.micros.ky)} | 1.00× |`,
    `| ky from \`createAuthKy\` | ${fmt(r.micros.authKy)} | ${fmt(r.micros.authKy / r.micros.ky, 2)}× plain ky |`,
    `| plain axios (fetch adapter) | ${fmt(r.micros.axios)} | 1.00× |`,
    `| axios from \`createAuthAxios\` (fetch adapter, \`env.fetch = auth.fetch\`) | ${fmt(r.micros.authAxios)} | ${fmt(r.micros.authAxios / r.micros.axios, 2)}× plain axios (fetch adapter) |`,
    `| plain axios (Node's default http adapter), for reference | ${fmt(r.micros.axiosHttp)} | ${fmt(r.micros.axiosHttp / r.micros.axios, 2)}× plain axios (fetch adapter) |`,
    '',
    `${int(r.requests)} requests per variant in 20 interleaved blocks after a warm-up, each reading the body; µs is the median block mean. Ratios within about ±10 % are noise on a shared 2-core machine.`,
    '',
    '| `getAccessToken()`, valid token | ns / call | storage reads | storage writes | token decodes | lock acquisitions | |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    `| ${int(t.calls)} calls | ${fmt(t.nsPerOp, 0)} | ${t.storageReads} | ${t.storageWrites} | ${t.decodesCounted ? t.decodes : 'n/a'} | ${t.locks} | ${check(zero, `getAccessToken: ${JSON.stringify(t)}`)} |`,
    '',
    "Counted by wrapping the `storage` adapter and the platform's `locks` (public options), and by routing the core's `jwt-decode` import through a counting wrapper (a Node resolve hook in `bench/run.ts`). Totals over all calls (goal 0 each).",
  ].join('\n');
});

await section('Start-up (in-process mock, virtual-time platform, memory storage)', async () => {
  const runs = quick ? 20 : 200;
  const lines = [
    '| stored session | status right after `createAuthClient` | requests until `authenticated` | mean time to `authenticated` | |',
    '| --- | --- | ---: | ---: | --- |',
  ];
  for (const expired of [false, true]) {
    let total = 0;
    let last = await startup(expired);
    const bad: string[] = [];
    for (let i = 0; i < runs; i++) {
      last = await startup(expired);
      total += last.ms;
      const want = expired ? 1 : 0;
      if (last.requests !== want || last.statusAfterReady !== 'authenticated')
        bad.push(`${last.requests} requests, ${last.statusAfterReady}`);
    }
    lines.push(
      `| ${expired ? 'expired access token (valid refresh token)' : 'valid tokens'} | ${last.statusAtCreate} | ${last.requests} (goal ${expired ? 'exactly 1' : '0'}) | ${fmt((total / runs) * 1000, 0)} µs | ${check(bad.length === 0, `start-up (${expired ? 'expired' : 'valid'}): ${bad.slice(0, 3).join('; ')}`)} |`,
    );
  }
  lines.push(
    '',
    `Mean of ${runs} start-ups; with an expired token the time includes one refresh through the in-process mock (HMAC signing included).`,
  );
  return lines.join('\n');
});

await section('Session lifecycle (fake token server, virtual time)', async () => {
  const idle = await idleRefreshes(10);
  const rows = [
    '| measurement | result | goal | |',
    '| --- | --- | --- | --- |',
    `| refreshes while idle for 10 lifetimes of 5-minute tokens (rotation) | ${idle} | 0 | ${check(idle === 0, `idle: ${idle} refreshes`)} |`,
  ];
  for (const s of [2, 60, 300]) {
    const c = await cadence(s);
    const ok = c.perLifetime <= 1.5 && c.failedCalls === 0 && c.unauthorized === 0;
    rows.push(
      `| refreshes per lifetime in continuous use, ${s} s tokens (${c.lifetimes} lifetimes, 20 calls each) | ${fmt(c.perLifetime, 2)} (${c.failedCalls} failed, ${c.unauthorized} × 401) | ≤ 1.5, 0, 0 | ${check(ok, `cadence ${s} s: ${JSON.stringify(c)}`)} |`,
    );
  }
  const races = [];
  for (const where of ['this tab', 'another tab'] as const)
    for (const at of [0, 5, 10, 20, 40]) races.push(await logoutRace(where, at));
  const alive = races.reduce((sum, r) => sum + r.alive, 0);
  rows.push(
    `| refresh tokens alive after logout, racing a refresh (20 ms answers) in this or another tab, at 0/5/10/20/40 ms: ${races.length} races, ${races.reduce((sum, r) => sum + r.issued, 0)} tokens issued | ${alive} | 0 | ${check(alive === 0, `logout races: ${alive} alive`)} |`,
  );
  return rows.join('\n');
});

await section('Soak: refresh cycles under virtual time', async () => {
  const cycles = quick ? 1_000 : 10_000;
  const r = await soak(cycles, cycles / 4);
  const mb = (b: number | null): string => (b === null ? 'n/a' : `${fmt(b / 1024 / 1024, 2)} MB`);
  const first = r.samples[0]!;
  const steady = r.samples.every(
    (s) => s.pendingTimers === first.pendingTimers && s.listeners === first.listeners && s.channels === first.channels,
  );
  const clean = r.afterDestroy.pendingTimers === 0 && r.afterDestroy.listeners === 0 && r.afterDestroy.channels === 0;
  const lines = [
    '| after | refreshes | pending timers | listeners | open channels | heap after GC |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...r.samples.map(
      (s) =>
        `| ${int(s.cycles)} cycles | ${int(s.cycles)} | ${s.pendingTimers} | ${s.listeners} | ${s.channels} | ${mb(s.heapBytes)} |`,
    ),
    `| \`destroy()\` | – | ${r.afterDestroy.pendingTimers} | ${r.afterDestroy.listeners} | ${r.afterDestroy.channels} | ${mb(r.afterDestroy.heapBytes)} |`,
    '',
    `${int(r.refreshes)} refreshes in ${fmt(r.ms / 1000, 1)} s of real time, each fired by the client's own timer (a minimal in-process token endpoint, so the heap is the client's). Steady timers/listeners: ${check(steady && r.refreshes === cycles, `soak: not steady or ${r.refreshes} ≠ ${cycles} refreshes`)}; none left after destroy(): ${check(clean, `soak: leaked after destroy ${JSON.stringify(r.afterDestroy)}`)}.`,
  ];
  // From the first quarter on: the first sample still holds start-up garbage and lazy JIT state.
  const from = r.samples[1] ?? first;
  const to = r.samples.at(-1)!;
  if (from.heapBytes !== null && to.heapBytes !== null && to.cycles > from.cycles) {
    const growth = (to.heapBytes - from.heapBytes) / ((to.cycles - from.cycles) / 1000);
    lines.push(
      `Heap change from ${int(from.cycles)} to ${int(to.cycles)} cycles: ${fmt(growth / 1024, 2)} KB per 1 000 refreshes (reported, not judged; run with --expose-gc).`,
    );
  }
  return lines.join('\n');
});

await section(
  'Mock server vs real Django (obtain + refresh + protected call per cycle, HTTP on loopback)',
  async () => {
    const rows = await serverThroughput(quick ? 1 : 4);
    const mockRow = rows[0];
    return [
      '| server | cycles | cycles / s | obtain (ms) | refresh (ms) | protected call (ms) | | note |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${r.cycles === null ? '–' : int(r.cycles)} | ${r.perSecond === null ? '–' : fmt(r.perSecond)} | ${r.ms ? fmt(r.ms.obtain, 2) : '–'} | ${r.ms ? fmt(r.ms.refresh, 2) : '–'} | ${r.ms ? fmt(r.ms.me, 2) : '–'} | ${r.perSecond !== null && mockRow?.perSecond && r !== mockRow ? `mock ${fmt(mockRow.perSecond / r.perSecond, 1)}× faster` : ''} | ${r.note} |`,
      ),
      '',
      "Sequential cycles with Node `fetch` as the client, mean ms per step. Django's obtain is dominated by its default password hasher (PBKDF2), as in production; the mock compares passwords in plain text.",
    ].join('\n');
  },
);

const cpu = cpus();
const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${fmt(totalmem() / 1024 ** 3, 0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
const date = new Date()
  .toISOString()
  .replace('T', ' ')
  .replace(/\.\d+Z$/, ' UTC');
const total = (performance.now() - began) / 1000;
const doc = [
  '# Benchmarks',
  '',
  `- **Date:** ${date}`,
  `- **Machine:** ${machine}`,
  `- **Command:** \`pnpm bench\`${quick ? ' (--quick)' : ''}; whole run ${fmt(total, 0)} s`,
  `- **Exact counts and size budgets:** ${failures.length === 0 ? 'all pass' : `${failures.length} FAILED`}`,
  '',
  ...sections,
  ...(failures.length ? ['### Failures', '', ...failures.map((f) => `- ${f}`), ''] : []),
].join('\n');

if (!quick) {
  const out = fileURLToPath(new URL('./results/latest.md', import.meta.url));
  mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
  writeFileSync(out, doc);
  console.log(`\nWrote ${out}`);
} else {
  console.log(`\n${doc}`);
}
if (failures.length) {
  console.error(
    `\n${failures.length} exact count(s) or budget(s) failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`,
  );
  process.exitCode = 1;
} else {
  console.log('\nAll exact counts and size budgets pass.');
}
