import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simRunCommand } from '../../bin/commands/simRun.ts';
import { type BenchLine, median } from './measure.ts';

/** The real-time factor the simulator aims at for a store day (DESIGN §11, issue: ≥ 1,000×). */
const GOAL = 1000;

/**
 * The demo grocery's full day (08:00–21:00, about 3,100 visits) end to end, as `varv sim run`
 * does it: shopper and till actors, locomotion, sensors, the privacy core, and every output file
 * written. Figure: simulated seconds per wall-clock second (median of `runs`); its peer is the
 * goal of 1,000× real time, so the ratio says how far above or below the goal it is.
 */
export function simDayBench(runs = 3): BenchLine {
  const factors: number[] = [];
  let visits = 0;
  for (let r = 0; r < runs; r++) {
    const out = mkdtempSync(join(tmpdir(), 'varv-bench-day-'));
    try {
      const res = simRunCommand('scenarios/runs/demo-grocery-day.json', { out });
      const s = res.summary as { simulatedSeconds: number; wallSeconds: number; visits: number };
      factors.push(s.simulatedSeconds / s.wallSeconds);
      visits = s.visits;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  const value = median(factors);
  return {
    bench: 'sim-day',
    figure: 'grocery day end to end, simulated s per wall s',
    value: Math.round(value),
    peer: 'goal: 1,000× real time',
    peerValue: GOAL,
    ratio: +(value / GOAL).toFixed(2),
    runs,
    note: `${visits} visits, all outputs written`,
  };
}
