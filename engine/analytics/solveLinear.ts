/** Solves A x = b by Gaussian elimination with partial pivoting; null when A is singular. */
export function solveLinear(A: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((M[r] as number[])[c] as number) > Math.abs((M[p] as number[])[c] as number)) p = r;
    if (Math.abs((M[p] as number[])[c] as number) < 1e-12) return null;
    [M[c], M[p]] = [M[p] as number[], M[c] as number[]];
    const pivot = M[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = M[r] as number[];
      const f = (row[c] as number) / (pivot[c] as number);
      if (f) for (let j = c; j <= n; j++) row[j] = (row[j] as number) - f * (pivot[j] as number);
    }
  }
  return M.map((row, i) => (row[n] as number) / (row[i] as number));
}
