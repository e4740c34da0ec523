import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../engine/layout/index.ts';
import { runExperiment } from '../../scenarios/sim/index.ts';

/** Weidmann's speed–density relation (DESIGN §8), m/s at density ρ (P/m²). */
const weidmann = (rho: number) => 1.34 * (1 - Math.exp(-1.913 * (1 / rho - 1 / 5.4)));

describe('RiMEA 4: speed against density in a corridor', () => {
  // People fill a 60 m × 3 m corridor evenly and walk east; a 4 m area in the middle stays at the
  // starting density for the first seconds, before the crowd thins from the front. Mean speed
  // and density there, seconds 3–8, against Weidmann's curve at the measured density.
  it.each([
    { file: '0_5', nominal: 0.5 },
    { file: '1', nominal: 1 },
    { file: '2', nominal: 2 },
    { file: '3', nominal: 3 },
  ])('at $nominal P/m² the mean speed lies within ±25 per cent of Weidmann', ({ file, nominal }) => {
    const r = runExperiment(loadScenarioFile(`scenarios/runs/rimea-4-density-${file}.json`));
    const seconds = r.areas.filter((a) => a.area === 'mid' && a.second >= 3 && a.second < 8);
    expect(seconds).toHaveLength(5);
    const density = seconds.reduce((s, a) => s + a.density, 0) / seconds.length;
    const speed = seconds.reduce((s, a) => s + (a.speed ?? 0), 0) / seconds.length;
    // Measured where it was meant to be measured...
    expect(Math.abs(density / nominal - 1)).toBeLessThanOrEqual(0.25);
    // ...and moving as Weidmann's pedestrians do there.
    expect(Math.abs(speed / weidmann(density) - 1)).toBeLessThanOrEqual(0.25);
  });
});
