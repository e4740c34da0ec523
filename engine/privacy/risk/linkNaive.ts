import { betterCandidate, type LinkTargets } from './linkability.ts';
import type { VisitRecords } from './visitRecords.ts';

/**
 * The linkage attack written naively, as a reference and a benchmark peer: for each target, every
 * record of the release is compared with it (all pairs). Picks exactly what `linkPicks` picks.
 */
export function linkPicksNaive(v: VisitRecords, targets: LinkTargets, seed: number): Int32Array {
  const picks = new Int32Array(targets.from.length);
  for (let t = 0; t < picks.length; t++) {
    const a = targets.from[t] as number;
    const b = targets.to[t] as number;
    let best = -1;
    for (let c = 0; c < v.length; c++) {
      if (c === a) continue;
      if (v.store[c] !== v.store[b] || v.day[c] !== v.day[b] || v.interval[c] !== v.interval[b]) continue;
      if (betterCandidate(v, a, c, best, seed)) best = c;
    }
    picks[t] = best;
  }
  return picks;
}
