import { formatInterval, formatP, formatSeeds, formatValue } from './formatValue.ts';
import type { WhatIfReport } from './whatIfReport.ts';

/** The report as text tables, one per variant: each KPI's means, the paired difference, p and significance. */
export function formatWhatIf(r: WhatIfReport): string[] {
  const base = r.arms[0];
  const lines: string[] = [
    `what-if against "${base?.name}" (${base?.file}) on ${r.seeds.length} seed(s): ${formatSeeds(r.seeds)}`,
    'common random numbers: seed i of every arm draws the same random streams, so each difference is paired by seed',
  ];
  const info = new Map(r.kpis.map((k) => [k.id, k]));
  for (const c of r.comparisons) {
    const arm = r.arms.find((a) => a.name === c.variant);
    lines.push('', `"${c.variant}" (${arm?.file})${arm?.description ? `: ${arm.description}` : ''}`);
    const rows: string[][] = [
      [
        'KPI',
        'unit',
        'baseline [95% CI]',
        'variant [95% CI]',
        'difference [95% CI]',
        'rel.',
        'p',
        'p (Holm)',
        '',
      ],
    ];
    for (const row of c.rows) {
      const k = info.get(row.kpi);
      rows.push([
        k?.source === 'truth' ? `${k.label} [truth]` : (k?.label ?? row.kpi),
        k?.unit ?? '',
        formatInterval(row.baseline),
        formatInterval(row.variant),
        formatInterval(row.diff),
        row.relative === null ? '' : `${row.relative > 0 ? '+' : ''}${formatValue(100 * row.relative)}%`,
        formatP(row.diff.p),
        formatP(row.pHolm),
        row.significantHolm ? '**' : row.significant ? '*' : '',
      ]);
    }
    const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((x) => (x[i] as string).length)));
    for (const x of rows)
      lines.push(`  ${x.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ')}`.trimEnd());
    const names = (ids: string[]) =>
      ids.length ? `: ${ids.map((id) => info.get(id)?.label ?? id).join(', ')}` : '';
    lines.push(
      `  * p < ${r.alpha} (paired t over the seeds; the ${100 * r.level}% interval of the difference excludes 0); ** also after Holm's correction over the ${c.tested} KPIs tested`,
      `  ${c.significant.length} of ${c.tested} significant${names(c.significant)} (by chance alone about ${(r.alpha * c.tested).toFixed(1)} would be)`,
      `  ${c.significantHolm.length} of ${c.tested} significant after Holm's correction${names(c.significantHolm)}`,
    );
  }
  if (r.problems.length) lines.push('', 'problems:', ...r.problems.map((p) => `  ${p}`));
  return lines;
}
