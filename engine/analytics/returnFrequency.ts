import { release } from '../privacy/index.ts';
import type { CollisionRate } from './collisionRate.ts';
import type { EventTable } from './eventTable.ts';
import { type BootstrapInterval, groupBootstrap } from './groupBootstrap.ts';

/** How often visitors come back on later days (in the same day interval). */
export type ReturnFrequency = {
  /**
   * Mean number of earlier visits (on earlier days, in the same day interval) per visit from the
   * second day on. Over two days: the share of the second day's visits made by someone who came
   * on the first day in the same interval. Null with fewer than two days or when suppressed.
   * Clamped at 0 (`raw` is the unclamped, unbiased estimate; the interval is clamped likewise).
   */
  frequency: number | null;
  raw: number | null;
  ci: BootstrapInterval | null;
  /** Estimated returning visit pairs per interval (morning, lunch, afternoon). */
  pairsByInterval: [number, number, number];
  /** Visits from the second day on (door counts), the denominator. */
  laterVisits: number;
  days: number;
  suppressed: boolean;
};

/**
 * Return frequency corrected for the configured consistency c and the measured collision rate q.
 *
 * Group IDs are keyed per interval, so a visit can be linked only to visits in the same interval.
 * For each interval, let S_g(d) be the sightings in group g on day d and m_d = S(d)/N(d) the
 * sightings per visit (N from the door counts); Y_g(d) = S_g(d)/m_d counts in visits. Over day
 * pairs d < d′, Σ_g Y_g(d)·Y_g(d′) has expectation q·N_d·N_d′ (two people share a group) plus
 * (c − q) for each pair of visits by one person, so
 *   R = [Σ_{d<d′} Σ_g Y_g(d)Y_g(d′) − q Σ_{d<d′} N_d N_d′] / (c − q)
 * estimates the returning visit pairs. q comes from same-day pairs too far apart to be one visit
 * (collisionRate). The interval is a percentile bootstrap over group IDs, resampling the q
 * estimate's pairs along; it is wide at a few hundred groups: that is the privacy at work.
 */
export function returnFrequency(
  table: EventTable,
  rate: CollisionRate,
  opts: { replicates?: number } = {},
): ReturnFrequency {
  const { consistency: c, groups, k } = table.settings;
  const days = table.days;
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const D = days.length;
  const s = table.sightings;
  // Per interval and day: sightings per group, total sightings, door-count visits.
  const perGroup: Map<number, Float64Array>[] = [new Map(), new Map(), new Map()];
  const total = [0, 1, 2].map(() => new Float64Array(D));
  const visits = [0, 1, 2].map(() => new Float64Array(D));
  for (let i = 0; i < s.length; i++) {
    const iv = s.interval[i] as number;
    const d = dayIndex.get(s.day[i] as number) as number;
    const g = s.group[i] as number;
    const byGroup = perGroup[iv] as Map<number, Float64Array>;
    let row = byGroup.get(g);
    if (!row) {
      row = new Float64Array(D);
      byGroup.set(g, row);
    }
    row[d] = (row[d] as number) + 1;
    (total[iv] as Float64Array)[d] = ((total[iv] as Float64Array)[d] as number) + 1;
  }
  const cnt = table.counts;
  for (let i = 0; i < cnt.length; i++) {
    if (cnt.direction[i] !== 1) continue;
    const d = dayIndex.get(cnt.day[i] as number) as number;
    const iv = cnt.interval[i] as number;
    (visits[iv] as Float64Array)[d] = ((visits[iv] as Float64Array)[d] as number) + (cnt.n[i] as number);
  }
  let laterVisits = 0;
  for (const v of visits) for (let d = 1; d < D; d++) laterVisits += v[d] as number;
  const none: ReturnFrequency = {
    frequency: null,
    raw: null,
    ci: null,
    pairsByInterval: [0, 0, 0],
    laterVisits,
    days: D,
    suppressed: true,
  };
  if (D < 2 || laterVisits === 0) return none;

  // Per interval: each group's cross-day product in visit units, and the expected background.
  const cross: Map<number, number>[] = [new Map(), new Map(), new Map()];
  const nPairs = [0, 0, 0];
  for (let iv = 0; iv < 3; iv++) {
    const n = visits[iv] as Float64Array;
    const scale = Array.from(total[iv] as Float64Array, (t, d) => (t > 0 ? (n[d] as number) / t : 0));
    for (const [g, row] of perGroup[iv] as Map<number, Float64Array>) {
      let sum = 0;
      let sq = 0;
      for (let d = 0; d < D; d++) {
        const y = (row[d] as number) * (scale[d] as number);
        sum += y;
        sq += y * y;
      }
      const x = (sum * sum - sq) / 2;
      if (x > 0) (cross[iv] as Map<number, number>).set(g, x);
    }
    let sum = 0;
    let sq = 0;
    for (let d = 0; d < D; d++) {
      sum += n[d] as number;
      sq += (n[d] as number) ** 2;
    }
    nPairs[iv] = (sum * sum - sq) / 2;
  }
  const estimate = (w?: Float64Array) => {
    const pairs: [number, number, number] = [0, 0, 0];
    for (let iv = 0; iv < 3; iv++) {
      const allFar = rate.allPairs[iv] as number;
      if (!(allFar > 0) || !(nPairs[iv] as number)) continue;
      let same = 0;
      for (const [g, hits] of rate.sameByGroup[iv] as Map<number, number>)
        same += w ? (w[g] as number) * hits : hits;
      const q = same / allFar;
      let x = 0;
      for (const [g, v] of cross[iv] as Map<number, number>) x += w ? (w[g] as number) * v : v;
      pairs[iv] = (x - q * (nPairs[iv] as number)) / (c - q);
    }
    return pairs;
  };
  const pairs = estimate();
  const frequency = (pairs[0] + pairs[1] + pairs[2]) / laterVisits;
  const ci = groupBootstrap(
    groups,
    (w) => {
      const p = estimate(w);
      return (p[0] + p[1] + p[2]) / laterVisits;
    },
    { replicates: opts.replicates },
  );
  const used = new Set<number>();
  for (const m of cross) for (const g of m.keys()) used.add(g);
  const released = release({ value: frequency, groups: used.size }, k);
  if (released.suppressed) return none;
  return {
    frequency: Math.max(0, frequency),
    raw: frequency,
    ci: { ...ci, lo: Math.max(0, ci.lo), hi: Math.max(0, ci.hi) },
    pairsByInterval: pairs,
    laterVisits,
    days: D,
    suppressed: false,
  };
}
