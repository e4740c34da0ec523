// Data for layout-ab.html: a what-if on the demo grocery through scenarios/whatif (the code behind
// `varv whatif`): the lunch peak as it is against the same peak with the fourth till staffed
// (scenarios/variants/grocery-open-till-4.json), both on the same seeds (common random numbers).
import { availableParallelism } from 'node:os';
import { loadWhatIf, runWhatIf } from '../scenarios/whatif/index.ts';
import type { DataLoader } from './kit/dataLoader.ts';

const BASELINE = 'notebooks/scenarios/grocery-lunch-peak.json';
const VARIANT = 'scenarios/variants/grocery-open-till-4.json';
const SEEDS = [1, 2, 3, 4];

const loader: DataLoader = {
  inputs: [BASELINE, VARIANT],
  async load() {
    const arms = loadWhatIf(BASELINE, [VARIANT]);
    const report = await runWhatIf(arms, { seeds: SEEDS, workers: Math.min(2, availableParallelism()) });
    return {
      baseline: BASELINE,
      variant: VARIANT,
      clock: arms[0]?.scenario.clock,
      arrivals: arms[0]?.scenario.arrivals?.perMinute,
      report,
    };
  },
};

export default loader;
