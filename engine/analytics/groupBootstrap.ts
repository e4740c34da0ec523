import { quantileSorted } from 'd3-array';
import { type Rng, seededRng } from '../privacy/index.ts';

/** A bootstrap interval: the percentile interval and standard error over the replicates. */
export type BootstrapInterval = { lo: number; hi: number; se: number; replicates: number };

export type BootstrapOptions = { replicates?: number; level?: number; rng?: Rng };

/**
 * A percentile bootstrap over group IDs: the groups are the independent units of a collision-
 * corrected estimate (a person's sightings cluster in a few groups, other people's fall in any),
 * so each replicate draws `groups` groups with replacement and hands the statistic a weight per
 * group (how often it was drawn). Seeded, so the same events give the same interval.
 */
export function groupBootstrap(
  groups: number,
  statistic: (weight: Float64Array) => number,
  opts: BootstrapOptions = {},
): BootstrapInterval {
  const replicates = opts.replicates ?? 200;
  const level = opts.level ?? 0.95;
  const rng = opts.rng ?? seededRng('varv-analytics-bootstrap');
  const weight = new Float64Array(groups);
  const values: number[] = [];
  for (let r = 0; r < replicates; r++) {
    weight.fill(0);
    for (let i = 0; i < groups; i++) {
      const g = Math.floor(rng() * groups);
      weight[g] = (weight[g] as number) + 1;
    }
    const v = statistic(weight);
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  if (values.length === 0) return { lo: Number.NaN, hi: Number.NaN, se: Number.NaN, replicates: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const se = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return {
    lo: quantileSorted(values, (1 - level) / 2) as number,
    hi: quantileSorted(values, 1 - (1 - level) / 2) as number,
    se,
    replicates: values.length,
  };
}
