import type { StoreLayout } from '../api.ts';
import { HeatMap } from './HeatMap.tsx';
import { KpiTable } from './KpiTable.tsx';
import { StaffingTable } from './StaffingTable.tsx';
import type { WhatIfJobView } from './whatIfApi.ts';

function download(name: string, value: unknown) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * A finished what-if: how many KPIs changed significantly, the KPI table, the baseline's and the
 * variant's heat maps side by side (mean people in view per zone, one scale), and the variant's
 * staffing per interval.
 */
export function WhatIfResults({
  job,
  base,
  variant,
  onClose,
}: {
  job: WhatIfJobView;
  base: StoreLayout;
  variant: StoreLayout;
  onClose(): void;
}) {
  const r = job.result;
  if (!r) return null;
  const max = Math.max(1e-9, ...Object.values(r.heat.baseline), ...Object.values(r.heat.variant));
  return (
    <div className="whatif-results" data-testid="whatif-results">
      <div className="edit-head">
        <b>
          What-if “{job.name}”, {job.window.start}–{job.window.end}, seeds {job.seeds.join(', ')}
        </b>{' '}
        <button type="button" onClick={() => download(`whatif-${job.name}.json`, r.report)}>
          download report (JSON)
        </button>{' '}
        <button type="button" data-testid="whatif-close" onClick={onClose}>
          close
        </button>
      </div>
      <p data-testid="whatif-summary">
        {r.significant} of {r.tested} KPIs differ significantly (p &lt; 0.05; by chance alone about{' '}
        {(r.tested * 0.05).toFixed(1)} would), {r.significantHolm} after Holm's correction.
      </p>
      {r.problems.map((p) => (
        <p key={p} className="alerts">
          ⚠ {p}
        </p>
      ))}
      <div className="heat-maps">
        <HeatMap store={base} values={r.heat.baseline} max={max} title="baseline" testId="heat-baseline" />
        <HeatMap store={variant} values={r.heat.variant} max={max} title={job.name} testId="heat-variant" />
      </div>
      <p className="muted">{r.heat.what} (the analytics on the simulated events, mean over the seeds).</p>
      <h3>Staffing</h3>
      <StaffingTable staffing={r.staffing} />
      <h3>KPIs</h3>
      <KpiTable rows={r.rows} />
    </div>
  );
}
