import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  InlineRunner,
  JobCache,
  type JobRunner,
  loadWhatIf,
  runAll,
  ThreadRunner,
  whatIfJobs,
  whatIfReport,
} from '../../scenarios/whatif/index.ts';
import { type BenchLine, median } from './measure.ts';

/**
 * A 20-seed what-if (the demo grocery and the same with a fifth till, 40 runs) as `varv whatif`
 * computes it, on worker threads (one per core) against one thread; figure: runs per hour.
 * Each side starts cold (fresh threads, or a fresh cache on this thread) and they alternate, so
 * a noisy neighbour slows both alike. The window is 20 minutes of the grocery's peak rate rather
 * than the full peak hour, to keep the bench to a few minutes; longer runs scale better still.
 */
export async function whatIfBench(runs = 2, seeds = 20): Promise<BenchLine> {
  const dir = mkdtempSync(join(tmpdir(), 'varv-bench-whatif-'));
  try {
    const peak = JSON.parse(readFileSync('scenarios/runs/demo-grocery-peak.json', 'utf8'));
    const base = join(dir, 'peak-20min.json');
    writeFileSync(
      base,
      JSON.stringify({
        ...peak,
        store: resolve('scenarios/stores/demo-grocery.json'),
        clock: { start: '12:00', end: '12:20', days: 1 },
      }),
    );
    const arms = loadWhatIf(base, ['scenarios/variants/grocery-fifth-till.json']);
    const seedList = Array.from({ length: seeds }, (_, i) => i + 1);
    const jobs = whatIfJobs(arms, seedList);
    const threads = availableParallelism();
    const perHour = async (make: () => JobRunner) => {
      const runner = make();
      const t0 = performance.now();
      try {
        const results = await runAll(runner, jobs);
        whatIfReport(arms, seedList, results);
      } finally {
        await runner.close();
      }
      return (3600 * jobs.length) / ((performance.now() - t0) / 1000);
    };
    const ours: number[] = [];
    const peer: number[] = [];
    for (let r = 0; r < runs; r++) {
      ours.push(await perHour(() => new ThreadRunner(threads)));
      peer.push(await perHour(() => new InlineRunner(new JobCache())));
    }
    const value = median(ours);
    const peerValue = median(peer);
    return {
      bench: 'whatif',
      figure: `runs per hour, ${seeds}-seed what-if on ${threads} worker threads`,
      value: Math.round(value),
      peer: 'one thread',
      peerValue: Math.round(peerValue),
      ratio: +(value / peerValue).toFixed(2),
      runs,
      note: `demo grocery 12:00–12:20 at the peak rate (5.2/min) and the same with a fifth till: ${jobs.length} runs; ${threads} cores`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
