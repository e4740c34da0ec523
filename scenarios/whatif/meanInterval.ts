import { tQuantile } from './studentT.ts';

/** A sample's mean with its t interval. */
export type MeanInterval = {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); null below two values. */
  sd: number | null;
  /** The interval at `level` (Student's t with n − 1 degrees of freedom); null below two values. */
  lo: number | null;
  hi: number | null;
};

/**
 * The mean of `xs` and its `level` confidence interval, mean ± t(1 − α/2, n − 1)·s/√n: exact for
 * normal data, and what a handful of seeds of a simulation affords otherwise.
 */
export function meanInterval(xs: readonly number[], level = 0.95): MeanInterval {
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null, lo: null, hi: null };
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= n;
  if (n < 2) return { n, mean, sd: null, lo: null, hi: null };
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const half = critical(level, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, lo: mean - half, hi: mean + half };
}

/** t(1 − α/2, df), remembered: a what-if asks for the same few again and again. */
const criticals = new Map<string, number>();
function critical(level: number, df: number): number {
  const key = `${level}|${df}`;
  let t = criticals.get(key);
  if (t === undefined) {
    t = tQuantile(1 - (1 - level) / 2, df);
    criticals.set(key, t);
  }
  return t;
}
