import { VarvError } from '../../engine/errors.ts';
import { holm } from './holm.ts';
import { type KpiInfo, kpiInfo, kpiOrder } from './kpiCatalog.ts';
import { type MeanInterval, meanInterval } from './meanInterval.ts';
import { type PairedDifference, pairedDifference } from './pairedDifference.ts';
import { type RunFacts, type RunResult, runKey } from './runJob.ts';

export const REPORT_FORMAT = 'varv.whatif/1';
/** Confidence level of every interval, and the significance level of the tests (after Holm). */
export const LEVEL = 0.95;
export const ALPHA = 0.05;

/** An arm as the report names it. */
export type ArmInfo = { name: string; file: string; description?: string; patch: unknown[] };

/** One KPI of one variant against the baseline. */
export type ComparisonRow = {
  kpi: string;
  baseline: MeanInterval;
  variant: MeanInterval;
  /** Variant − baseline, paired by seed (seeds where both have a value). */
  diff: PairedDifference;
  /** The difference relative to the baseline's mean. */
  relative: number | null;
  /** Holm-adjusted p over this variant's KPIs. */
  pHolm: number | null;
  /** p < α: the 95% interval of the difference excludes 0 (one test among many: see `significantHolm`). */
  significant: boolean;
  /** Holm-adjusted p < α: significant with the family-wise error over the variant's KPIs held at α. */
  significantHolm: boolean;
};

export type WhatIfReport = {
  format: typeof REPORT_FORMAT;
  seeds: number[];
  level: number;
  alpha: number;
  correction: 'holm';
  kpis: KpiInfo[];
  arms: (ArmInfo & { runs: { seed: number; run: RunFacts; values: Record<string, number | null> }[] })[];
  comparisons: {
    variant: string;
    /** KPIs with a p-value (at least two seeds with a value in both arms). */
    tested: number;
    /** KPIs with p < α, and those still so after Holm's correction. */
    significant: string[];
    significantHolm: string[];
    rows: ComparisonRow[];
  }[];
  /** Runs whose shoppers did not all leave (a layout that traps them), as sentences. */
  problems: string[];
};

/**
 * The statistics of a what-if from its runs, keyed by (arm, seed): whatever order the results
 * came in and whoever ran them, the same runs give the same report, byte for byte. Per KPI, each
 * arm's mean with its t interval over the seeds, and per variant the paired difference to the
 * baseline (common random numbers: seed i of every arm drew the same random streams) with its
 * interval and the paired t-test: significant when p < α (the interval excludes 0) and, with
 * the many KPIs of a variant in mind, when Holm's adjusted p < α too. Throws when a run is
 * missing or failed.
 */
export function whatIfReport(
  arms: readonly ArmInfo[],
  seeds: readonly number[],
  results: readonly RunResult[],
) {
  const byKey = new Map<string, RunResult>();
  for (const r of results) byKey.set(runKey(r.variant, r.seed), r);
  const runs = arms.map((arm, a) =>
    seeds.map((seed) => {
      const r = byKey.get(runKey(a, seed));
      if (!r) throw new VarvError('E_WHATIF_RUN', `no result for "${arm.name}" on seed ${seed}`);
      if (r.error || !r.run)
        throw new VarvError(
          r.error?.code ?? 'E_WHATIF_RUN',
          `"${arm.name}" on seed ${seed} failed: ${r.error?.message ?? 'no result'}`,
        );
      return { seed, run: r.run, values: r.values };
    }),
  );
  const ids = kpiOrder(runs.flat().flatMap((r) => Object.keys(r.values)));
  const column = (a: number, id: string) => (runs[a] ?? []).map((r) => r.values[id] ?? null);
  const present = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  const comparisons = arms.slice(1).map((arm, i) => {
    const v = i + 1;
    const rows = ids.map((id) => {
      const base = column(0, id);
      const mine = column(v, id);
      const both = base.map((b, s) => (b !== null && mine[s] !== null ? s : -1)).filter((s) => s >= 0);
      const diff = pairedDifference(
        both.map((s) => base[s] as number),
        both.map((s) => mine[s] as number),
        LEVEL,
      );
      const baseline = meanInterval(present(base), LEVEL);
      return {
        kpi: id,
        baseline,
        variant: meanInterval(present(mine), LEVEL),
        diff,
        relative:
          diff.mean !== null && baseline.mean !== null && baseline.mean !== 0
            ? diff.mean / Math.abs(baseline.mean)
            : null,
        pHolm: null as number | null,
        significant: diff.p !== null && diff.p < ALPHA,
        significantHolm: false,
      };
    });
    const adjusted = holm(rows.map((r) => r.diff.p));
    rows.forEach((r, k) => {
      r.pHolm = adjusted[k] ?? null;
      r.significantHolm = r.pHolm !== null && r.pHolm < ALPHA;
    });
    return {
      variant: arm.name,
      tested: adjusted.filter((p) => p !== null).length,
      significant: rows.filter((r) => r.significant).map((r) => r.kpi),
      significantHolm: rows.filter((r) => r.significantHolm).map((r) => r.kpi),
      rows,
    };
  });
  const problems = arms.flatMap((arm, a) =>
    (runs[a] ?? [])
      .filter((r) => r.run.remaining > 0)
      .map(
        (r) =>
          `"${arm.name}", seed ${r.seed}: ${r.run.remaining} shopper(s) never left (the layout may trap them)`,
      ),
  );
  const report: WhatIfReport = {
    format: REPORT_FORMAT,
    seeds: [...seeds],
    level: LEVEL,
    alpha: ALPHA,
    correction: 'holm',
    kpis: ids.map(kpiInfo),
    arms: arms.map((arm, a) => ({ ...arm, runs: runs[a] ?? [] })),
    comparisons,
    problems,
  };
  return report;
}
