import type { ScoreReport, ScoreRow } from './scoreRun.ts';

/** A score report as a plain-text table: KPI, estimate [95% CI], truth, error, target. */
export function formatScore(report: ScoreReport): string[] {
  const fmt = (x: number | null) =>
    x === null || !Number.isFinite(x) ? '—' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3);
  const err = (r: ScoreRow) =>
    r.error === null ? '—' : r.errorKind === 'relative' ? `${(r.error * 100).toFixed(1)}%` : fmt(r.error);
  const table = report.rows.map((r) => [
    r.kpi,
    `${fmt(r.estimate)}${r.ci ? ` [${fmt(r.ci[0])}, ${fmt(r.ci[1])}]` : ''}`,
    fmt(r.truth),
    err(r),
    r.target ? `${r.target} ${r.pass === null ? '?' : r.pass ? 'met' : 'NOT met'}` : '',
    r.unit,
  ]);
  const head = ['KPI', 'estimate [95% CI]', 'truth', 'error', 'target', 'unit'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [
    `score: ${report.store}, ${report.days} day(s), ${report.settings.groups} groups, consistency ${report.settings.consistency}, k = ${report.settings.k}`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...table.map(line),
  ];
}
