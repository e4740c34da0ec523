import { VarvError } from '../errors.ts';
import { bucketOf, cutPoints } from './buckets.ts';
import { GroupAssigner, type GroupSettings, type Quantizer } from './groupAssigner.ts';
import { type IntervalName, intervalNames } from './intervals.ts';
import type { StoreKey } from './keys.ts';
import { Projector } from './projector.ts';
import { type Proportion, wilson } from './wilson.ts';

type Pair = readonly [ArrayLike<number>, ArrayLike<number>];
type Projected = readonly [Float64Array, Float64Array];

export type CalibrationOptions = {
  /** Target P(same group | same person, same interval, another visit). */
  consistency: number;
  groups: number;
  /** Try 1…maxProjections projections (more costs more per assignment). */
  maxProjections?: number;
  nonzeros?: number;
};

export type CalibrationReport = {
  quantizer: Quantizer;
  target: number;
  groups: number;
  /** Held-out genuine pairs: the share that land in the same group, with its 95% interval. */
  genuine: Proportion;
  /** Held-out impostor pairs (two people): the share that land in the same group. */
  impostor: Proportion;
  /** 1 / P(same group | two people): how many groups people are really spread over. */
  effectiveGroups: number;
  /** For each number of projections: its buckets, and how often genuine pairs and two people share a code. */
  candidates: { projections: number; buckets: number[]; genuineSameCode: number; impostorSameCode: number }[];
};

/** One pair in this many is held out. */
const HOLD_OUT = 4;
/** The most equal-frequency buckets one projection is cut into. */
const MAX_BUCKETS = 256;

/**
 * Chooses the quantiser for a target consistency from pairs of embeddings: genuine pairs (two
 * embeddings of one person) and impostor pairs (two people). Every fourth pair is held out to
 * report the consistency and impostor rate achieved; the rest fit (more fitting than held-out
 * pairs, so that the fit's own sampling error stays small beside the reported interval).
 *
 * For each number of projections k, buckets are added one projection at a time (so that bucket
 * counts differ by at most one) until genuine pairs share their code less often than the target
 * (allowing for hash collisions into `groups`); the projection refined last then gets a fractional
 * count between the two rungs, found by bisection, so the target is met closely. Among all k, the
 * one whose codes two people share least wins.
 */
export function calibrate(
  key: StoreKey,
  genuine: readonly Pair[],
  impostor: readonly Pair[],
  opts: CalibrationOptions,
): CalibrationReport {
  const { consistency: target, groups } = opts;
  const maxK = opts.maxProjections ?? 12;
  const nonzeros = opts.nonzeros ?? 32;
  if (genuine.length < 20 || impostor.length < 20)
    throw new VarvError('E_CALIBRATION', 'calibration needs at least 20 genuine and 20 impostor pairs');
  if (!(target > 1 / groups && target < 1)) {
    throw new VarvError(
      'E_CALIBRATION',
      `consistency must lie between 1/groups (${(1 / groups).toFixed(4)}) and 1, got ${target}`,
    );
  }
  const dim = (genuine[0] as Pair)[0].length;
  // Same code with probability c, else the same group by a hash collision: c + (1 − c)/G = target.
  const codeTarget = (target - 1 / groups) / (1 - 1 / groups);

  // The deployed assigner's projections for this dimension (its first k of the maxK drawn here).
  const projector = new Projector(key, dim, maxK, nonzeros);
  const raw = (pairs: readonly Pair[]) =>
    pairs.map(([a, b]) => {
      const pa = new Float64Array(maxK);
      const pb = new Float64Array(maxK);
      projector.project(a, pa);
      projector.project(b, pb);
      return [pa, pb] as const;
    });
  const fitting = (pairs: readonly Pair[]) => pairs.filter((_, i) => i % HOLD_OUT !== HOLD_OUT - 1);

  // Each projection's spread across people, from the fitting impostor pairs (two people each).
  const population = raw(fitting(impostor));
  const spread = Array.from({ length: maxK }, (_, j) => {
    let s2 = 0;
    for (const [pa, pb] of population) s2 += (pa[j] as number) ** 2 + (pb[j] as number) ** 2;
    return Math.sqrt(s2 / (2 * population.length)) || 1;
  });
  const fitG = raw(fitting(genuine));
  const fitI = population;

  // Same code: every projection of both embeddings in the same equal-frequency bucket, placed by
  // the cut points the assigner will use.
  const sameCode = (pairs: Projected[], buckets: readonly number[]) => {
    const cuts = buckets.map((m, j) => cutPoints(spread[j] as number, m));
    let same = 0;
    for (const [a, b] of pairs) {
      let j = 0;
      while (
        j < cuts.length &&
        bucketOf(a[j] as number, cuts[j] as Float64Array) ===
          bucketOf(b[j] as number, cuts[j] as Float64Array)
      )
        j++;
      if (j === cuts.length) same++;
    }
    return same / pairs.length;
  };

  const candidates: CalibrationReport['candidates'] = [];
  for (let k = 1; k <= maxK; k++) {
    // Walk the ladder of bucket counts (1,1,…) → (2,1,…) → … until the rate falls below target,
    // then cut the projection that was last refined at a fractional count between the two rungs.
    let prev: number[] = Array(k).fill(1);
    for (let rung = 1; rung <= k * (MAX_BUCKETS - 1); rung++) {
      const next = Array.from({ length: k }, (_, j) => 1 + Math.floor(rung / k) + (j < rung % k ? 1 : 0));
      const rate = sameCode(fitG, next);
      if (rate < codeTarget) {
        const j = next.findIndex((m, i) => m !== prev[i]);
        let lo = prev[j] as number;
        let hi = next[j] as number;
        const at = (m: number) => prev.map((v, i) => (i === j ? m : v));
        for (let it = 0; it < 30; it++) {
          const mid = (lo + hi) / 2;
          if (sameCode(fitG, at(mid)) >= codeTarget) lo = mid;
          else hi = mid;
        }
        const buckets = at(lo);
        // Projections still at one bucket add nothing: that is the same quantiser with fewer k.
        if (buckets.some((m) => m === 1)) break;
        candidates.push({
          projections: k,
          buckets,
          genuineSameCode: sameCode(fitG, buckets),
          impostorSameCode: sameCode(fitI, buckets),
        });
        break;
      }
      prev = next;
    }
  }
  if (candidates.length === 0)
    throw new VarvError('E_CALIBRATION', 'no quantiser reaches the target: the genuine pairs never differ');
  const best = candidates.reduce((a, b) => (b.impostorSameCode < a.impostorSameCode ? b : a));
  const quantizer: Quantizer = {
    projections: best.projections,
    buckets: best.buckets,
    nonzeros,
    spread: spread.slice(0, best.projections),
  };

  // Held out: the whole assignment, both embeddings in the same interval and epoch. Pairs take
  // turns over 3 intervals × 8 epochs: with few distinct codes, which codes the hash happens to
  // merge differs between intervals, and the consistency is a rate over the store's days.
  const assigner = new GroupAssigner(key, settingsFor(groups), quantizer);
  const sameGroup = (pairs: readonly Pair[]) => {
    let same = 0;
    let n = 0;
    pairs.forEach(([a, b], i) => {
      if (i % HOLD_OUT !== HOLD_OUT - 1) return;
      const interval = intervalNames[n % 3] as IntervalName;
      const epoch = Math.floor(n / 3) % 8;
      n++;
      if (assigner.groupIn(a, epoch, interval) === assigner.groupIn(b, epoch, interval)) same++;
    });
    return wilson(same, n);
  };
  // Two people share a code this often, so are spread over 1 / (c + (1 − c)/G) groups in effect.
  const impostorCode = best.impostorSameCode;
  return {
    quantizer,
    target,
    groups,
    genuine: sameGroup(genuine),
    impostor: sameGroup(impostor),
    effectiveGroups: 1 / (impostorCode + (1 - impostorCode) / groups),
    candidates,
  };
}

function settingsFor(groups: number): GroupSettings {
  return { groups, rotation: 'none', intervals: ['06:00', '11:00', '14:00'], timezone: 'UTC' };
}
