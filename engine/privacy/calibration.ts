import { VarvError } from '../errors.ts';
import { GroupAssigner, type GroupSettings, type Quantizer } from './groupAssigner.ts';
import type { StoreKey } from './keys.ts';
import { type Proportion, wilson } from './wilson.ts';

type Pair = readonly [ArrayLike<number>, ArrayLike<number>];

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
  /** Every number of projections tried, with its width and impostor same-code rate. */
  candidates: { projections: number; width: number; impostorSameCode: number }[];
};

/**
 * Chooses the quantiser for a target consistency from pairs of embeddings: genuine pairs (two
 * embeddings of one person) and impostor pairs (two people).
 *
 * Pairs are split in three: one third chooses the number of projections, one third fits the
 * bucket width, one third is held out to report the consistency and impostor rate achieved.
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

  const probe = new GroupAssigner(key, settingsFor(groups), { projections: maxK, width: 1, nonzeros });
  const projector = probe.projector(dim);
  const projectAll = (pairs: readonly Pair[]) =>
    pairs.map(([a, b]) => {
      const pa = new Float64Array(maxK);
      const pb = new Float64Array(maxK);
      projector.project(a, pa);
      projector.project(b, pb);
      return [pa, pb] as const;
    });
  const part = (pairs: readonly Pair[], r: number) => pairs.filter((_, i) => i % 3 === r);
  const selectG = projectAll(part(genuine, 0));
  const selectI = projectAll(part(impostor, 0));
  const fitG = projectAll(part(genuine, 1));
  const offsets = projector.offsets;

  // 1. How many projections: for each k, the width that gives the target on the selection pairs,
  //    and how often two people then share a code; the k where that is rarest wins. Rates here are
  //    averaged over the uniform secret offsets, Π max(0, 1 − |δⱼ|/w) for projection differences
  //    δⱼ: smooth and rising in w, so bisection is exact.
  const smoothRate = (proj: Projected[], k: number, w: number) => {
    let sum = 0;
    for (const [pa, pb] of proj) {
      let p = 1;
      for (let j = 0; j < k && p > 0; j++)
        p *= Math.max(0, 1 - Math.abs((pa[j] as number) - (pb[j] as number)) / w);
      sum += p;
    }
    return sum / proj.length;
  };
  const candidates: CalibrationReport['candidates'] = [];
  for (let k = 1; k <= maxK; k++) {
    let lo = Math.log(1e-5);
    let hi = Math.log(1e3);
    for (let it = 0; it < 60; it++) {
      const mid = (lo + hi) / 2;
      if (smoothRate(selectG, k, Math.exp(mid)) < codeTarget) lo = mid;
      else hi = mid;
    }
    const width = Math.exp(hi);
    candidates.push({ projections: k, width, impostorSameCode: smoothRate(selectI, k, width) });
  }
  const best = candidates.reduce((a, b) => (b.impostorSameCode < a.impostorSameCode ? b : a));
  const k = best.projections;

  // 2. The width for that k, refitted on fresh pairs (choosing k on the same pairs would favour a
  //    width that came out too small by chance) with the real offsets: exact same-code counts on a
  //    fine log grid, made non-decreasing by isotonic regression, where the fit reaches the target.
  const countedRate = (proj: Projected[], w: number) => {
    let same = 0;
    for (const [pa, pb] of proj) {
      let j = 0;
      while (
        j < k &&
        Math.floor((pa[j] as number) / w + (offsets[j] as number)) ===
          Math.floor((pb[j] as number) / w + (offsets[j] as number))
      )
        j++;
      if (j === k) same++;
    }
    return same / proj.length;
  };
  const widths = Array.from({ length: GRID }, (_, i) => best.width * Math.exp(-2 + (4 * i) / (GRID - 1)));
  const fit = isotonic(widths.map((w) => countedRate(fitG, w)));
  const at = fit.findIndex((r) => r >= codeTarget);
  let width = widths[widths.length - 1] as number;
  if (at === 0) width = widths[0] as number;
  else if (at > 0) {
    const [r0, r1] = [fit[at - 1] as number, fit[at] as number];
    const f = r1 > r0 ? (codeTarget - r0) / (r1 - r0) : 1;
    width = Math.exp(Math.log(widths[at - 1] as number) * (1 - f) + Math.log(widths[at] as number) * f);
  }
  const quantizer: Quantizer = { projections: k, width, nonzeros };

  // Held out: the whole assignment, both embeddings in the same interval and epoch.
  const assigner = new GroupAssigner(key, settingsFor(groups), quantizer);
  const sameGroup = (pairs: readonly Pair[]) => {
    let same = 0;
    let n = 0;
    pairs.forEach(([a, b], i) => {
      if (i % 3 !== 2) return;
      n++;
      if (assigner.groupIn(a, 0, 'morning') === assigner.groupIn(b, 0, 'morning')) same++;
    });
    return wilson(same, n);
  };
  const impostorRate = sameGroup(impostor);
  // Two people share a code this often (pairs not used to choose k), so are spread over
  // 1 / (c + (1 − c)/G) groups in effect.
  const impostorCode = countedRate(projectAll(impostor.filter((_, i) => i % 3 !== 0)), width);
  return {
    quantizer,
    target,
    groups,
    genuine: sameGroup(genuine),
    impostor: impostorRate,
    effectiveGroups: 1 / (impostorCode + (1 - impostorCode) / groups),
    candidates,
  };
}

/** Widths tried when refitting: e^±2 around the first estimate, about 1% apart. */
const GRID = 400;

type Projected = readonly [Float64Array, Float64Array];

/** Pool-adjacent-violators: the closest non-decreasing sequence (least squares, equal weights). */
export function isotonic(values: readonly number[]): number[] {
  const blocks: { sum: number; n: number }[] = [];
  for (const v of values) {
    blocks.push({ sum: v, n: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1] as { sum: number; n: number };
      const a = blocks[blocks.length - 2] as { sum: number; n: number };
      if (a.sum / a.n <= b.sum / b.n) break;
      blocks.splice(blocks.length - 2, 2, { sum: a.sum + b.sum, n: a.n + b.n });
    }
  }
  return blocks.flatMap((b) => Array(b.n).fill(b.sum / b.n));
}

function settingsFor(groups: number): GroupSettings {
  return { groups, rotation: 'none', intervals: ['06:00', '11:00', '14:00'], timezone: 'UTC' };
}
