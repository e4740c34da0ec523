import type { StaffingPlan } from '../../engine/analytics/index.ts';
import type { WhatIfResult, WhatIfStaffing, WhatIfStat } from '../../engine/server/whatIf.ts';
import type { MeanInterval } from './meanInterval.ts';
import type { RunResult } from './runJob.ts';
import type { WhatIfReport } from './whatIfReport.ts';

const INTERVALS = ['morning', 'lunch', 'afternoon'];

const stat = (m: MeanInterval): WhatIfStat => ({ n: m.n, mean: m.mean, lo: m.lo, hi: m.hi });
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

/**
 * A two-arm what-if (baseline, one variant) as the twin shows it: each KPI's row of the report;
 * per zone the mean people in view (the analytics' staffing demand, averaged over the day
 * intervals run and then over the seeds) for both arms' heat maps; and the staffing per interval
 * (Erlang C tills for both arms, the variant's staff posts with the share of seeds that man each).
 */
export function whatIfResult(
  report: WhatIfReport,
  results: readonly RunResult[],
  zones: readonly string[],
): WhatIfResult {
  const info = new Map(report.kpis.map((k) => [k.id, k]));
  const c = report.comparisons[0];
  const rows = (c?.rows ?? []).map((r) => {
    const k = info.get(r.kpi);
    return {
      kpi: r.kpi,
      label: k?.label ?? r.kpi,
      unit: k?.unit ?? '',
      source: k?.source ?? 'events',
      better: k?.better ?? null,
      baseline: stat(r.baseline),
      variant: stat(r.variant),
      diff: stat(r.diff),
      p: r.diff.p,
      pHolm: r.pHolm,
      significant: r.significant,
      significantHolm: r.significantHolm,
    };
  });
  const plans = (arm: number) =>
    results.filter((r) => r.variant === arm && r.staffing).map((r) => r.staffing as StaffingPlan[]);
  const heatOf = (arm: number) => {
    const runs = plans(arm);
    const out: Record<string, number> = {};
    for (const z of zones) out[z] = mean(runs.map((ps) => mean(ps.map((p) => p.zones[z] ?? 0))));
    return out;
  };
  const staffing: WhatIfStaffing = INTERVALS.flatMap((interval) => {
    const pick = (arm: number) =>
      plans(arm)
        .map((ps) => ps.find((p) => p.interval === interval))
        .filter((p): p is StaffingPlan => p !== undefined);
    const base = pick(0);
    const mine = pick(1);
    if (!base.length && !mine.length) return [];
    const posts = [...new Set(mine.flatMap((p) => p.posts.map((x) => x.post)))]
      .map((post) => {
        const seen = mine.map((p) => p.posts.find((x) => x.post === post));
        return {
          post,
          demand: mean(seen.map((x) => x?.demand ?? 0)),
          staffed: mean(seen.map((x) => (x?.staffed ? 1 : 0))),
        };
      })
      .sort((a, b) => b.demand - a.demand || (a.post < b.post ? -1 : 1));
    return [
      {
        interval,
        baselineTills: mean(base.map((p) => p.tills)),
        variantTills: mean(mine.map((p) => p.tills)),
        posts,
      },
    ];
  });
  return {
    rows,
    tested: c?.tested ?? 0,
    significant: c?.significant.length ?? 0,
    significantHolm: c?.significantHolm.length ?? 0,
    heat: {
      what: 'mean people in view per zone',
      unit: 'people',
      baseline: heatOf(0),
      variant: heatOf(1),
    },
    staffing,
    problems: report.problems,
    report,
  };
}
