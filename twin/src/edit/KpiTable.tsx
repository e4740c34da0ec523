import { formatNumber, formatStat } from './formatStat.ts';
import type { WhatIfRow } from './whatIfApi.ts';

/** Green when the difference is significant and in the KPI's better direction, red when against it. */
function tone(r: WhatIfRow): string {
  if (!r.significant || r.better === null || r.diff.mean === null || r.diff.mean === 0) return '';
  const better = r.better === 'lower' ? r.diff.mean < 0 : r.diff.mean > 0;
  return better ? 'better' : 'worse';
}

/**
 * Each KPI of the what-if: the baseline's and the variant's mean with its 95% interval over the
 * seeds, the paired difference with its interval, and whether it is significant (p < 0.05; ** when
 * still so after Holm's correction over all the KPIs). Figures from the simulator's truth, which a
 * real store would not have, are marked.
 */
export function KpiTable({ rows }: { rows: WhatIfRow[] }) {
  return (
    <table className="kpi-table" data-testid="kpi-table">
      <thead>
        <tr>
          <th>KPI</th>
          <th>unit</th>
          <th>baseline [95%]</th>
          <th>variant [95%]</th>
          <th>difference [95%]</th>
          <th>p</th>
          <th>significant</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.kpi} data-kpi={r.kpi} className={tone(r)}>
            <td>
              {r.label}
              {r.source === 'truth' && <span className="muted"> (sim. truth)</span>}
            </td>
            <td>{r.unit}</td>
            <td>{formatStat(r.baseline)}</td>
            <td>{formatStat(r.variant)}</td>
            <td>{formatStat(r.diff)}</td>
            <td>{r.p === null ? '–' : formatNumber(r.p)}</td>
            <td data-significant={r.significant}>{r.significantHolm ? '✓✓' : r.significant ? '✓' : 'no'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
