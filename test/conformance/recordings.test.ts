/**
 * Conformance: every recorded step of every shared recording set (SimpleJWT 5.2.2 and 5.5.0),
 * replayed against the mock configured like the recorded server (same version, settings, users,
 * CORS), must get the same answer (see test/support/replay.ts for what "same" means;
 * browsable-API HTML pages are compared by status, headers and title).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarios, RECORDING_SETS } from '../support/recordings.js';
import { replayConfig, type StepResult } from '../support/replay.js';

const summary: string[] = [];
const cases = RECORDING_SETS.flatMap((set) => set.configs.map((config) => ({ set, config, version: set.version })));

describe.each(cases)('recordings of SimpleJWT $version: $config', ({ set, config }) => {
  it('matches every recorded step', async () => {
    const scenarios = loadScenarios(config, set);
    const results: StepResult[] = await replayConfig(set, config, scenarios);
    const failed = results.filter((r) => r.problems.length > 0);
    const scenarioIds = scenarios.map((s) => s.id);
    const failedScenarios = new Set(failed.map((r) => r.scenario));
    summary.push(
      `conformance ${set.version} ${config}: scenarios ${scenarioIds.length - failedScenarios.size}/${scenarioIds.length} matched, steps ${results.length - failed.length}/${results.length} matched`,
    );
    expect(results.length).toBeGreaterThan(0);
    expect(failed.map((r) => `${r.scenario}/${r.step}: ${r.problems.join('; ')}`)).toEqual([]);
  });
});

afterAll(() => {
  console.log(summary.join('\n'));
});
