import { type MeanInterval, meanInterval } from './meanInterval.ts';
import { tTwoSided } from './studentT.ts';

/** The mean paired difference (variant − baseline), its interval and the paired t-test. */
export type PairedDifference = MeanInterval & {
  /** The t statistic and its two-sided p-value (n − 1 degrees of freedom); null below two pairs. */
  t: number | null;
  p: number | null;
};

/**
 * Paired t-test of `b − a` over pairs (a[i], b[i]): with common random numbers the pairs share
 * their randomness, so the differences vary far less than either arm. All-equal differences have
 * no spread: p = 1 when they are all zero (nothing changed), else 0.
 */
export function pairedDifference(a: readonly number[], b: readonly number[], level = 0.95): PairedDifference {
  if (a.length !== b.length)
    throw new RangeError(`pairedDifference: ${a.length} baseline values against ${b.length} variant values`);
  const d = a.map((x, i) => (b[i] as number) - x);
  const m = meanInterval(d, level);
  if (m.n < 2 || m.mean === null || m.sd === null) return { ...m, t: null, p: null };
  if (m.sd === 0) return { ...m, t: null, p: m.mean === 0 ? 1 : 0 };
  const t = m.mean / (m.sd / Math.sqrt(m.n));
  return { ...m, t, p: tTwoSided(t, m.n - 1) };
}
