import { VarvError } from '../../errors.ts';
import { seededRng } from '../random.ts';

/** D↔ at one prior: per score bin, and the system measure with its bootstrap 95% interval. */
export type UnlinkabilityAtPrior = {
  omega: number;
  /** D↔(s) per bin. */
  local: number[];
  dsys: number;
  lo: number;
  hi: number;
};

export type Unlinkability = {
  /** Bin edges: bin 0 holds score 0 exactly; bin i ≥ 1 holds ((i−1)/B, i/B]. */
  edges: number[];
  mated: number[];
  nonMated: number[];
  /**
   * LR(s) = p(s | mated) / p(s | non-mated) per bin: Infinity where no non-mated score fell, null
   * where neither did (in JSON both read null).
   */
  lr: (number | null)[];
  atOne: UnlinkabilityAtPrior;
  /** At the realistic prior, when one is given. */
  atPrior: UnlinkabilityAtPrior | null;
  n: { mated: number; nonMated: number };
  seed: number;
  bootstrap: number;
};

/**
 * The unlinkability measures of Gomez-Barrero et al. (2018, "General framework to evaluate
 * unlinkability in biometric template protection systems", IEEE TIFS 13(6)): from the scores of
 * mated pairs (two visits of one person) and non-mated pairs (two people), with LR(s) the ratio of
 * their densities and ω the prior odds of a mated pair,
 *   D↔(s) = 2·ω·LR(s)/(1 + ω·LR(s)) − 1 where ω·LR(s) > 1, else 0   (local, in [0, 1]);
 *   D↔sys = ∫ p(s | mated)·D↔(s) ds                                  (global, in [0, 1]).
 * 0 means fully unlinkable, 1 fully linkable. Scores lie in [0, 1]; densities are histograms
 * (score 0 in its own bin and `bins` equal bins above it), and the 95% interval of D↔sys is a
 * percentile bootstrap over both samples.
 */
export function unlinkability(
  mated: ArrayLike<number>,
  nonMated: ArrayLike<number>,
  opts: { seed: number; omega?: number; bins?: number; bootstrap?: number },
): Unlinkability {
  const B = opts.bins ?? 10;
  const boots = opts.bootstrap ?? 200;
  if (!(B >= 1)) throw new VarvError('E_CONFIG', `unlinkability needs at least one bin, got ${B}`);
  if (opts.omega !== undefined && !(opts.omega > 0))
    throw new VarvError('E_CONFIG', `the prior odds ω must be positive, got ${opts.omega}`);
  const binOf = (s: number) => (s <= 0 ? 0 : Math.min(B, Math.ceil(s * B - 1e-12)));
  const mb = Int32Array.from(Array.from(mated, binOf));
  const nb = Int32Array.from(Array.from(nonMated, binOf));
  const hist = (bins: Int32Array) => {
    const h = new Array<number>(B + 1).fill(0);
    for (let i = 0; i < bins.length; i++) h[bins[i] as number] = (h[bins[i] as number] as number) + 1;
    return h;
  };
  const hm = hist(mb);
  const hn = hist(nb);
  const rng = seededRng(`unlinkability|${opts.seed}`);
  const resample = (bins: Int32Array) => {
    const h = new Array<number>(B + 1).fill(0);
    for (let i = 0; i < bins.length; i++) {
      const b = bins[Math.floor(rng() * bins.length)] as number;
      h[b] = (h[b] as number) + 1;
    }
    return h;
  };
  const boot: { m: number[]; n: number[] }[] = [];
  if (mb.length && nb.length) for (let i = 0; i < boots; i++) boot.push({ m: resample(mb), n: resample(nb) });
  const at = (omega: number): UnlinkabilityAtPrior => {
    const local = localD(hm, hn, omega);
    const dsys = system(hm, local);
    const sample = boot.map(({ m, n }) => system(m, localD(m, n, omega))).sort((a, b) => a - b);
    const q = (p: number) =>
      sample.length
        ? (sample[Math.min(sample.length - 1, Math.floor(p * sample.length))] as number)
        : Number.NaN;
    return { omega, local, dsys, lo: Math.min(dsys, q(0.025)), hi: Math.max(dsys, q(0.975)) };
  };
  const totalM = mb.length;
  const totalN = nb.length;
  return {
    edges: Array.from({ length: B + 1 }, (_, i) => i / B),
    mated: hm,
    nonMated: hn,
    lr: hm.map((m, i) => {
      const n = hn[i] as number;
      if (m === 0 && n === 0) return null;
      if (n === 0) return Number.POSITIVE_INFINITY;
      return m / totalM / (n / totalN);
    }),
    atOne: at(1),
    atPrior: opts.omega !== undefined ? at(opts.omega) : null,
    n: { mated: totalM, nonMated: totalN },
    seed: opts.seed,
    bootstrap: boot.length,
  };
}

function localD(m: readonly number[], n: readonly number[], omega: number): number[] {
  const tm = m.reduce((a, b) => a + b, 0);
  const tn = n.reduce((a, b) => a + b, 0);
  return m.map((mi, i) => {
    if (mi === 0 || tm === 0) return 0;
    const ni = n[i] as number;
    if (ni === 0 || tn === 0) return 1;
    const x = omega * (mi / tm / (ni / tn));
    return x > 1 ? (2 * x) / (1 + x) - 1 : 0;
  });
}

function system(m: readonly number[], local: readonly number[]): number {
  const tm = m.reduce((a, b) => a + b, 0);
  if (tm === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < m.length; i++) s += ((m[i] as number) / tm) * (local[i] as number);
  return s;
}
