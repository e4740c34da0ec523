/**
 * Equal-frequency buckets on a projection: with people spread as Normal(0, spread²) along it,
 * `m` buckets each hold 1/m of them (a fractional m leaves a narrower last bucket). The cut points
 * are computed once; placing a value is then a few comparisons, with no transcendental function
 * per assignment.
 */
export function cutPoints(spread: number, m: number): Float64Array {
  const n = Math.ceil(m) - 1;
  const cuts = new Float64Array(n);
  for (let i = 1; i <= n; i++) cuts[i - 1] = spread * inverseNormalCdf(i / m);
  return cuts;
}

/** The bucket of value `p`: how many cut points lie at or below it. */
export function bucketOf(p: number, cuts: Float64Array): number {
  let b = 0;
  while (b < cuts.length && p >= (cuts[b] as number)) b++;
  return b;
}

/**
 * Φ⁻¹(p), the standard normal quantile, by Acklam's rational approximation (relative error
 * below 1.2e-9 for 0 < p < 1): cut points placed to a billionth of a share of people.
 */
export function inverseNormalCdf(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
      (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  return x;
}
