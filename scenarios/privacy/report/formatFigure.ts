/** A figure's number for prose and tables: two significant digits, no trailing noise. */
export function formatFigure(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toLocaleString('en');
  if (a >= 10) return x.toFixed(1).replace(/\.0$/, '');
  return Number(x.toPrecision(2)).toString();
}

/** "0.82 [0.80–0.84]". */
export function formatWithInterval(f: { value: number; low: number; high: number }): string {
  const iv = f.low === f.high && f.low === f.value ? '' : ` [${formatFigure(f.low)}–${formatFigure(f.high)}]`;
  return `${formatFigure(f.value)}${iv}`;
}

/** A share as a percentage: "4.2%". */
export function formatPercent(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const p = 100 * x;
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toPrecision(2)}%`;
}
