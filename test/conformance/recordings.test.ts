/**
 * Conformance: every recorded step of every shared recording, replayed against the mock
 * configured like the recorded server, must get the same answer (see test/support/replay.ts
 * for what "same" means; browsable-API HTML pages are compared by status, headers and title).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarios, RECORDED_CONFIGS } from '../support/recordings.js';
import { replayConfig, type StepResult } from '../support/replay.js';

const summary: string[] = [];

describe.each(RECORDED_CONFIGS)('recordings: %s', (config) => {
  it('matches every recorded step', async () => {
    const scenarios = loadScenarios(config);
    const results: StepResult[] = await replayConfig(config, scenarios);
    const failed = results.filter((r) => r.problems.length > 0);
    const scenarioIds = scenarios.map((s) => s.id);
    const failedScenarios = new Set(failed.map((r) => r.scenario));
    summary.push(
      `conformance ${config}: scenarios ${scenarioIds.length - failedScenarios.size}/${scenarioIds.length} matched, steps ${results.length - failed.length}/${results.length} matched`,
    );
    expect(results.length).toBeGreaterThan(0);
    expect(failed.map((r) => `${r.scenario}/${r.step}: ${r.problems.join('; ')}`)).toEqual([]);
  });
});

afterAll(() => {
  console.log(summary.join('\n'));
});
