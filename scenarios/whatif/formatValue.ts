/** A KPI value for people: three significant figures (whole numbers from 100), "—" for none. */
export function formatValue(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  const s =
    a >= 100
      ? x.toFixed(0)
      : a >= 10
        ? x.toFixed(1)
        : a >= 1
          ? x.toFixed(2)
          : a === 0
            ? '0'
            : x.toPrecision(3);
  return s.replace('-', '−');
}

/** "mean [lo, hi]", or the mean alone when there is no interval. */
export function formatInterval(m: { mean: number | null; lo: number | null; hi: number | null }): string {
  if (m.mean === null) return '—';
  if (m.lo === null || m.hi === null) return formatValue(m.mean);
  return `${formatValue(m.mean)} [${formatValue(m.lo)}, ${formatValue(m.hi)}]`;
}

/** A p-value: "<0.001" below a thousandth. */
export function formatP(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** A seed list as ranges: [1, 2, 3, 7] → "1–3, 7". */
export function formatSeeds(seeds: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < seeds.length; ) {
    let j = i;
    while (j + 1 < seeds.length && (seeds[j + 1] as number) === (seeds[j] as number) + 1) j++;
    out.push(j > i ? `${seeds[i]}–${seeds[j]}` : String(seeds[i]));
    i = j + 1;
  }
  return out.join(', ');
}
