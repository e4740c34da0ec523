/** A proportion with its Wilson score interval. */
export type Proportion = { p: number; lo: number; hi: number; n: number; successes: number };

/** Wilson score interval for `successes` out of `n` (z = 1.96 for 95%). */
export function wilson(successes: number, n: number, z = 1.959963984540054): Proportion {
  if (n === 0) return { p: Number.NaN, lo: 0, hi: 1, n, successes };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamped so that rounding never leaves p outside its own interval (e.g. 10 of 10).
  return {
    p,
    lo: Math.min(p, Math.max(0, centre - half)),
    hi: Math.max(p, Math.min(1, centre + half)),
    n,
    successes,
  };
}
