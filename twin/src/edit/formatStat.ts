import type { WhatIfStat } from './whatIfApi.ts';

/** A figure to three significant digits (whole numbers as they are); "–" for none. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 1) return x.toPrecision(3);
  if (a === 0) return '0';
  return x.toPrecision(2);
}

/** "mean [lo, hi]" (the 95% interval), or the mean alone below two values. */
export function formatStat(s: WhatIfStat): string {
  if (s.mean === null) return '–';
  if (s.lo === null || s.hi === null) return formatNumber(s.mean);
  return `${formatNumber(s.mean)} [${formatNumber(s.lo)}, ${formatNumber(s.hi)}]`;
}
