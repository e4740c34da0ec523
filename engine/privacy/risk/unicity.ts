import { seededRng } from '../random.ts';
import { type Proportion, wilson } from '../wilson.ts';
import type { VisitRecords } from './visitRecords.ts';

export type TrajectoryUnicity = {
  bucketMs: number;
  /** For p known points: the share of visits (with at least p points) that those points single out. */
  byPoints: { p: number; unique: Proportion }[];
  seed: number;
};

/**
 * Trajectory unicity (de Montjoye et al. 2013, "Unique in the Crowd", Sci. Rep. 3:1376): the
 * attacker knows p points (store, zone, time bucket) of a visit — say, they saw you at the bakery
 * around 17:05 and at the tills around 17:15 — and looks for the released visits whose trace holds
 * all p. Unicity is the share of targets for which that leaves one visit, theirs (whose group IDs
 * then lead further). Targets: up to `targets` random visits with at least p distinct points; the p
 * points drawn at random from the visit's own trace.
 */
export function trajectoryUnicity(
  v: VisitRecords,
  opts: { seed: number; points?: readonly number[]; targets?: number },
): TrajectoryUnicity {
  const ps = opts.points ?? [1, 2, 3, 4, 5];
  const max = opts.targets ?? 2000;
  let minBucket = Number.POSITIVE_INFINITY;
  for (let i = 0; i < v.pointBucket.length; i++) minBucket = Math.min(minBucket, v.pointBucket[i] as number);
  const pointKey = (r: number, i: number) =>
    (((v.pointBucket[i] as number) - minBucket) * 65_536 + (v.store[r] as number)) * 65_536 +
    (v.pointZone[i] as number);
  const postings = new Map<number, number[]>();
  for (let r = 0; r < v.length; r++) {
    for (let i = v.pointStart[r] as number; i < (v.pointStart[r + 1] as number); i++) {
      const k = pointKey(r, i);
      const list = postings.get(k);
      if (!list) postings.set(k, [r]);
      else if (list[list.length - 1] !== r) list.push(r);
    }
  }
  const byPoints = ps.map((p) => {
    const rng = seededRng(`unicity|${p}|${opts.seed}`);
    const eligible: number[] = [];
    for (let r = 0; r < v.length; r++)
      if ((v.pointStart[r + 1] as number) - (v.pointStart[r] as number) >= p) eligible.push(r);
    const n = Math.min(max, eligible.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(rng() * (eligible.length - i));
      [eligible[i], eligible[j]] = [eligible[j] as number, eligible[i] as number];
    }
    let unique = 0;
    for (let t = 0; t < n; t++) {
      const r = eligible[t] as number;
      const from = v.pointStart[r] as number;
      const len = (v.pointStart[r + 1] as number) - from;
      const idx = Array.from({ length: len }, (_, i) => from + i);
      for (let i = 0; i < p; i++) {
        const j = i + Math.floor(rng() * (len - i));
        [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
      }
      // Intersect the posting lists (sorted by record), smallest first.
      const lists = idx.slice(0, p).map((i) => postings.get(pointKey(r, i)) as number[]);
      lists.sort((a, b) => a.length - b.length);
      let cand = lists[0] as number[];
      for (let l = 1; l < lists.length && cand.length > 1; l++) {
        const other = new Set(lists[l]);
        cand = cand.filter((c) => other.has(c));
      }
      if (cand.length === 1) unique++;
    }
    return { p, unique: wilson(unique, n) };
  });
  return { bucketMs: v.bucketMs, byPoints, seed: opts.seed };
}
