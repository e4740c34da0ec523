/**
 * Upper-tail probability P(χ²(dof) ≥ stat), by the Wilson–Hilferty cube-root normal
 * approximation (absolute error below 1e-3 for dof ≥ 10), for goodness-of-fit tests.
 */
export function chiSquareUpperTail(stat: number, dof: number): number {
  const k = 2 / (9 * dof);
  const z = ((stat / dof) ** (1 / 3) - (1 - k)) / Math.sqrt(k);
  return 1 - normalCdf(z);
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 via erf, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Pearson's χ² statistic of observed counts against equal expected counts. */
export function chiSquareUniform(counts: ArrayLike<number>): { stat: number; dof: number; p: number } {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i] as number;
  const e = n / counts.length;
  let stat = 0;
  for (let i = 0; i < counts.length; i++) stat += ((counts[i] as number) - e) ** 2 / e;
  const dof = counts.length - 1;
  return { stat, dof, p: chiSquareUpperTail(stat, dof) };
}
