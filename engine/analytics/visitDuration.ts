import { release } from '../privacy/index.ts';
import type { CollisionRate } from './collisionRate.ts';
import type { EventTable } from './eventTable.ts';
import { type BootstrapInterval, groupBootstrap } from './groupBootstrap.ts';
import type { Occupancy } from './occupancy.ts';

/** Visit duration: its distribution by entry–exit pairing and its mean by Little's law. */
export type VisitDuration = {
  /** Median, quartiles (ms) of the paired distribution; null when suppressed or without pairs. */
  medianMs: number | null;
  quartilesMs: [number, number] | null;
  /** 95% bootstrap interval of the median (over group IDs). */
  medianCi: BootstrapInterval | null;
  /** Estimated true entry–exit pairs behind the distribution, and the background rate removed. */
  pairs: number;
  background: number;
  /** The background-corrected lag histogram: pairs per bin of `binMs` from 0. */
  histogram: { binMs: number; counts: number[] };
  /** Mean visit length (ms) by Little's law from the door counts (exact, no pairing needed). */
  littleMeanMs: number | null;
  suppressed: boolean;
};

export type VisitDurationOptions = { binMs?: number; maxMs?: number; replicates?: number };

/**
 * Visit duration by pairing entrance and exit sightings of the same group within a day interval.
 *
 * Same-group pairs at lag d = t_exit − t_entry are true pairs (one person in and out, who kept the
 * group with probability = consistency) plus a background of two people who share a group. The
 * background is measured where no true pair can be: exits *before* entries (negative lags), in the
 * same cells, which gives the local collision rate q; then true(d) = same(d) − q·all(d). Pairs
 * whose exit falls past the end of the entry's interval are unobservable (the group hash changes),
 * so each lag is weighted by 1 / (share of entries whose interval lasts that long). The shape is
 * what pairing gives; the mean comes from Little's law on the door counts, which needs no pairing.
 * The median's interval is a bootstrap over group IDs.
 */
export function visitDuration(
  table: EventTable,
  rate: CollisionRate,
  occ: Occupancy,
  opts: VisitDurationOptions = {},
): VisitDuration {
  const binMs = opts.binMs ?? 30_000;
  const maxMs = opts.maxMs ?? table.settings.maxVisitMs;
  const nb = Math.ceil(maxMs / binMs);
  const s = table.sightings;
  const cls = table.cameraClass;
  // Entry and exit sightings per (day, interval) cell, in time order.
  const cells = new Map<number, { e: number[]; x: number[] }>();
  for (let i = 0; i < s.length; i++) {
    const c = cls[s.camera[i] as number];
    if (c !== 'entrance' && c !== 'exit') continue;
    const key = (s.day[i] as number) * 3 + (s.interval[i] as number);
    let cell = cells.get(key);
    if (!cell) {
      cell = { e: [], x: [] };
      cells.set(key, cell);
    }
    (c === 'entrance' ? cell.e : cell.x).push(i);
  }
  const all = new Float64Array(nb);
  let allNeg = 0;
  // Same-group pairs as (group, bin) lists, so that a bootstrap replicate is one pass over them.
  const pairGroup: number[] = [];
  const pairBin: number[] = [];
  const negGroup: number[] = [];
  const remaining: number[] = [];
  let sameNegAll = 0;
  for (const [key, { e, x }] of cells) {
    const end = table.intervalEnd.get(key) as number;
    let lo = 0;
    for (const i of e) {
      const te = s.t[i] as number;
      remaining.push(end - te);
      while (lo < x.length && (s.t[x[lo] as number] as number) <= te - maxMs) lo++;
      for (let b = lo; b < x.length; b++) {
        const j = x[b] as number;
        const d = (s.t[j] as number) - te;
        if (d >= maxMs) break;
        const same = s.group[j] === s.group[i];
        if (d < 0) {
          allNeg++;
          if (same) {
            sameNegAll++;
            negGroup.push(s.group[i] as number);
          }
          continue;
        }
        const bin = Math.floor(d / binMs);
        all[bin] = (all[bin] as number) + 1;
        if (same) {
          pairGroup.push(s.group[i] as number);
          pairBin.push(bin);
        }
      }
    }
  }
  // Share of entries whose interval still runs at each lag (bin centre).
  remaining.sort((a, b) => a - b);
  const observable = new Float64Array(nb);
  let r = 0;
  for (let b = 0; b < nb; b++) {
    const d = (b + 0.5) * binMs;
    while (r < remaining.length && (remaining[r] as number) <= d) r++;
    observable[b] = remaining.length ? (remaining.length - r) / remaining.length : 0;
  }
  const littleMeanMs = occ.meanVisitMs;
  const groupsUsed = new Set(pairGroup).size;
  const empty: VisitDuration = {
    medianMs: null,
    quartilesMs: null,
    medianCi: null,
    pairs: 0,
    background: Number.NaN,
    histogram: { binMs, counts: [] },
    littleMeanMs,
    suppressed: true,
  };
  if (pairGroup.length === 0) return empty;
  // The local background from negative lags; the pooled rate only if there are none.
  const localQ = (w?: Float64Array) => {
    if (allNeg === 0) return rate.q;
    if (!w) return sameNegAll / allNeg;
    let same = 0;
    for (const g of negGroup) same += w[g] as number;
    return same / allNeg;
  };
  const corrected = (w?: Float64Array) => {
    const q = localQ(w);
    const h = new Float64Array(nb);
    for (let p = 0; p < pairBin.length; p++) {
      const b = pairBin[p] as number;
      h[b] = (h[b] as number) + (w ? (w[pairGroup[p] as number] as number) : 1);
    }
    for (let b = 0; b < nb; b++) {
      const o = observable[b] as number;
      h[b] = o > 0.05 ? ((h[b] as number) - q * (all[b] as number)) / o : 0;
    }
    return h;
  };
  const h = corrected();
  const quantile = (hist: Float64Array, p: number) => histogramQuantile(hist, binMs, p);
  const median = quantile(h, 0.5);
  const ci = groupBootstrap(table.settings.groups, (w) => quantile(corrected(w), 0.5), {
    replicates: opts.replicates,
  });
  const released = release({ value: median, groups: groupsUsed }, table.settings.k);
  return {
    medianMs: released.suppressed ? null : median,
    quartilesMs: released.suppressed ? null : [quantile(h, 0.25), quantile(h, 0.75)],
    medianCi: released.suppressed ? null : ci,
    pairs: h.reduce((a, b) => a + b, 0),
    background: localQ(),
    histogram: { binMs, counts: released.suppressed ? [] : Array.from(h, (x) => +x.toFixed(2)) },
    littleMeanMs,
    suppressed: released.suppressed,
  };
}

/**
 * The p-quantile (ms) of a histogram of (possibly negative, noisy) bin masses: where the running
 * sum first reaches p of the total, interpolated within the bin; NaN when the total is not positive.
 */
export function histogramQuantile(h: ArrayLike<number>, binMs: number, p: number): number {
  let total = 0;
  for (let b = 0; b < h.length; b++) total += h[b] as number;
  if (!(total > 0)) return Number.NaN;
  const target = p * total;
  let run = 0;
  for (let b = 0; b < h.length; b++) {
    const m = h[b] as number;
    if (m > 0 && run + m >= target) return (b + (target - run) / m) * binMs;
    run += m;
  }
  return h.length * binMs;
}
