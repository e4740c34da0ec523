import { analyticsBench } from './analytics.bench.ts';
import { pointInPolygonBench, validateBench } from './layout.bench.ts';
import { liveLoadBench } from './liveLoad.bench.ts';
import type { BenchLine } from './measure.ts';
import { assignBench } from './privacy.bench.ts';
import { privacyLabBench } from './privacyLab.bench.ts';
import { locomotionBench } from './sim.bench.ts';
import { simDayBench } from './simDay.bench.ts';
import { storeIngestBench } from './store.bench.ts';
import { twinFeedBench, twinFrameBench } from './twin.bench.ts';
import { visionBench } from './vision.bench.ts';
import { whatIfBench } from './whatif.bench.ts';

// `npm run bench -- <name>` runs the benchmarks whose name contains <name>; no name runs all.
// Each prints one JSON line per figure: the figure, its peer measured in the same run, and the ratio.

const benches: Record<string, () => BenchLine | BenchLine[] | Promise<BenchLine | BenchLine[]>> = {
  'layout-pip': pointInPolygonBench,
  'layout-validate': validateBench,
  'privacy-128': () => assignBench(128),
  'privacy-512': () => assignBench(512),
  'privacy-1024': () => assignBench(1024),
  'privacy-lab': () => privacyLabBench(),
  'sim-locomotion-1000': () => locomotionBench(1000),
  'sim-locomotion-3000': () => locomotionBench(3000),
  'sim-day': () => simDayBench(),
  analytics: () => analyticsBench(),
  'store-ingest-pglite': () => storeIngestBench('pglite'),
  'store-ingest-postgres': () => storeIngestBench('postgres'),
  'twin-frame': twinFrameBench,
  'twin-feed': twinFeedBench,
  whatif: () => whatIfBench(),
  vision: visionBench,
  'live-load': liveLoadBench,
};

const filter = process.argv[2] ?? '';
const chosen = Object.entries(benches).filter(([name]) => name.includes(filter));
if (chosen.length === 0) {
  process.stderr.write(`no benchmark matches "${filter}"; known: ${Object.keys(benches).join(', ')}\n`);
  process.exitCode = 2;
}
for (const [, run] of chosen)
  for (const line of [await run()].flat()) process.stdout.write(`${JSON.stringify(line)}\n`);
