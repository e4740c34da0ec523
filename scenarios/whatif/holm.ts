/**
 * Holm's step-down adjustment of p-values: the family-wise error rate (any false "significant"
 * among the tests) stays at most α when each adjusted p is compared with α. Nulls are not tests
 * and stay null.
 */
export function holm(ps: readonly (number | null)[]): (number | null)[] {
  const tests = ps
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: number; i: number } => x.p !== null && Number.isFinite(x.p))
    .sort((x, y) => x.p - y.p || x.i - y.i);
  const m = tests.length;
  const out: (number | null)[] = ps.map(() => null);
  let running = 0;
  tests.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
