import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A tiny privacy-lab configuration of the demo grocery for tests: 20 minutes of lunchtime on two
 * days, a small returning population (so people come back), few attacks. Written into `dir`;
 * returns the lab file's path.
 */
export function writeTinyLab(dir: string, opts: { rotation?: 'none' | 'daily'; name?: string } = {}): string {
  const name = opts.name ?? 'tiny';
  const scenario = join(dir, `${name}-scenario.json`);
  writeFileSync(
    scenario,
    JSON.stringify({
      format: 'varv.scenario/1',
      store: resolve('scenarios/stores/demo-grocery.json'),
      seed: 3,
      clock: { start: '12:00', end: '12:20', days: 2 },
      dt: 0.1,
      arrivals: { perMinute: [['12:00', 3.0]] },
      shoppers: { basket: { lognormal: [0.07, 0.76] }, returning: 0.6, population: 200 },
      privacy: {
        groups: 256,
        consistency: 0.5,
        intervals: ['06:00', '11:00', '14:00'],
        rotation: opts.rotation ?? 'none',
        k: 5,
      },
      outputs: ['events', 'truth'],
    }),
  );
  const lab = join(dir, `${name}-lab.json`);
  writeFileSync(
    lab,
    JSON.stringify({
      format: 'varv.privacy-lab/1',
      scenarios: [`${name}-scenario.json`],
      days: 2,
      mode: 'synthetic',
      templateWindow: { start: '12:00', end: '12:10' },
      attacks: 200,
      epsilon: 1,
      budget: 10,
      thresholds: { linkAcrossDays: 0.95 },
      note: 'A tiny test configuration; it accepts cross-day linkability up to 0.95.',
    }),
  );
  return lab;
}
