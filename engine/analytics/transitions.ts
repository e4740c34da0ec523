import { release } from '../privacy/index.ts';
import type { CollisionRate } from './collisionRate.ts';
import type { EventTable } from './eventTable.ts';
import { groupBootstrap } from './groupBootstrap.ts';
import type { Tracks } from './tracks.ts';

/** The zone-to-zone transition matrix: P(next zone = b | leaving zone a). */
export type Transitions = {
  zones: string[];
  /** Row-normalised probabilities; a row is null when suppressed or without moves. */
  matrix: (number[] | null)[];
  /** Bootstrap standard error of each probability (over group IDs); null where the row is null. */
  se: (number[] | null)[];
  /** Estimated moves behind each row (background removed). */
  moves: number[];
  windowMs: number;
};

/**
 * Transitions between zones from tracks: when a track in zone a ends, the same person's next track
 * in another zone b usually starts within seconds. Pairs (end in a, start in b ≠ a, within
 * `windowMs`, same day interval) that share a group are counted; two people share a group with
 * the collision rate q, so q × (all such pairs) is removed from each cell, and what is left is
 * proportional to the true moves (each kept its group with the consistency, the same for every
 * cell, so it cancels when rows are normalised). Zones a camera never sees, and passes through a
 * zone that no camera catches, cannot appear: the matrix is of zones as seen.
 */
export function transitions(
  table: EventTable,
  tracks: Tracks,
  rate: CollisionRate,
  opts: { windowMs?: number; replicates?: number } = {},
): Transitions {
  const windowMs = opts.windowMs ?? 20_000;
  const { k, groups } = table.settings;
  const s = table.sightings;
  const Z = table.zones.length;
  // Track ends in time order (tracks are ordered by start).
  const ends = Array.from({ length: tracks.length }, (_, j) => j).sort(
    (a, b) => (tracks.t1[a] as number) - (tracks.t1[b] as number),
  );
  const all = [0, 1, 2].map(() => new Float64Array(Z * Z));
  const pairGroup: number[] = [];
  const pairCell: number[] = [];
  const pairInterval: number[] = [];
  let lo = 0;
  for (const j of ends) {
    const t = tracks.t1[j] as number;
    const za = tracks.zone[j] as number;
    const iv = tracks.interval[j] as number;
    const day = tracks.day[j] as number;
    const g = s.group[tracks.last[j] as number] as number;
    while (lo < tracks.length && (tracks.t0[lo] as number) <= t) lo++;
    for (let m = lo; m < tracks.length; m++) {
      if ((tracks.t0[m] as number) > t + windowMs) break;
      const zb = tracks.zone[m] as number;
      if (zb === za || tracks.interval[m] !== iv || tracks.day[m] !== day) continue;
      const cell = za * Z + zb;
      (all[iv] as Float64Array)[cell] = ((all[iv] as Float64Array)[cell] as number) + 1;
      if (s.group[tracks.first[m] as number] === g) {
        pairGroup.push(g);
        pairCell.push(cell);
        pairInterval.push(iv);
      }
    }
  }
  const estimate = (w?: Float64Array) => {
    const h = new Float64Array(Z * Z);
    for (let p = 0; p < pairCell.length; p++) {
      const cell = pairCell[p] as number;
      h[cell] = (h[cell] as number) + (w ? (w[pairGroup[p] as number] as number) : 1);
    }
    for (let iv = 0; iv < 3; iv++) {
      let q = rate.byInterval[iv] as number;
      const allFar = rate.allPairs[iv] as number;
      if (w && allFar > 0) {
        let same = 0;
        for (const [g, hits] of rate.sameByGroup[iv] as Map<number, number>) same += (w[g] as number) * hits;
        q = same / allFar;
      }
      if (!Number.isFinite(q)) q = rate.q;
      const a = all[iv] as Float64Array;
      for (let c = 0; c < h.length; c++) h[c] = (h[c] as number) - q * (a[c] as number);
    }
    return h;
  };
  const normalise = (h: Float64Array) =>
    Array.from({ length: Z }, (_, a) => {
      let sum = 0;
      for (let b = 0; b < Z; b++) sum += Math.max(0, h[a * Z + b] as number);
      return Array.from({ length: Z }, (_, b) => (sum > 0 ? Math.max(0, h[a * Z + b] as number) / sum : 0));
    });
  const h = estimate();
  const p = normalise(h);
  // Standard errors: a bootstrap over group IDs, one statistic per cell.
  const reps: number[][][] = [];
  groupBootstrap(
    groups,
    (w) => {
      reps.push(normalise(estimate(w)));
      return 0;
    },
    { replicates: opts.replicates ?? 100 },
  );
  const rowGroups = Array.from({ length: Z }, () => new Set<number>());
  for (let i = 0; i < pairCell.length; i++)
    (rowGroups[Math.floor((pairCell[i] as number) / Z)] as Set<number>).add(pairGroup[i] as number);
  const moves = Array.from({ length: Z }, (_, a) => {
    let sum = 0;
    for (let b = 0; b < Z; b++) sum += Math.max(0, h[a * Z + b] as number);
    return sum;
  });
  const matrix: Transitions['matrix'] = [];
  const se: Transitions['se'] = [];
  for (let a = 0; a < Z; a++) {
    const ok =
      (moves[a] as number) > 0 && !release({ value: 0, groups: rowGroups[a] as Set<number> }, k).suppressed;
    matrix.push(ok ? (p[a] as number[]) : null);
    se.push(
      ok
        ? Array.from({ length: Z }, (_, b) => {
            const xs = reps.map((r) => (r[a] as number[])[b] as number);
            const mean = xs.reduce((x, y) => x + y, 0) / xs.length;
            return Math.sqrt(xs.reduce((x, y) => x + (y - mean) ** 2, 0) / Math.max(1, xs.length - 1));
          })
        : null,
    );
  }
  return { zones: table.zones, matrix, se, moves, windowMs };
}
