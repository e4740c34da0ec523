import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../engine/layout/index.ts';
import { kpiInfo, runJob, wire } from '../../scenarios/whatif/index.ts';

// The what-if's privacy columns: group occupancy (k) and the prosecutor's re-identification risk
// on each run's release, scored against who was really seen. Fewer groups put more people in each
// group: k rises and the risk falls; more groups do the opposite.

describe('the privacy columns of a what-if run', () => {
  it('follow the privacy settings: fewer groups, larger k and lower re-identification risk', () => {
    const base = wire(loadScenarioFile('scenarios/runs/demo-grocery-peak.json'));
    const run = (groups: number) =>
      runJob({
        variant: 0,
        seed: 3,
        scenario: {
          ...base,
          clock: { start: '12:00', end: '12:15', days: 1 },
          privacy: { ...(base.privacy as object), groups },
        },
      });
    const coarse = run(16);
    const fine = run(1024);
    expect(coarse.error).toBeUndefined();
    expect(fine.error).toBeUndefined();
    const v = (r: typeof coarse, id: string) => r.values?.[id] as number;
    expect(v(coarse, 'truth:kMean')).toBeGreaterThan(v(fine, 'truth:kMean'));
    expect(v(coarse, 'truth:prosecutorRisk')).toBeLessThan(v(fine, 'truth:prosecutorRisk'));
    expect(v(fine, 'truth:recordsAtRisk')).toBeGreaterThan(0);
    for (const id of ['truth:kMean', 'truth:prosecutorRisk', 'truth:recordsAtRisk']) {
      expect(kpiInfo(id).source).toBe('truth');
      expect(kpiInfo(id).label).toMatch(/privacy/);
    }
  }, 120_000);
});
