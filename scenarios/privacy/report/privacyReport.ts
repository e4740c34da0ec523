import type { PrivacySettings } from '../../../engine/layout/index.ts';
import { type Proportion, wilson } from '../../../engine/privacy/index.ts';
import { ARX_THRESHOLDS, type EpsilonReport } from '../../../engine/privacy/risk/index.ts';
import { configurationHash } from '../configurationHash.ts';
import { defaultPrivacy, type PrivacyLabConfig } from '../labConfig.ts';
import { DEFAULT_THRESHOLDS, type PropertyThresholds } from '../propertyThresholds.ts';
import { type PrivacyLabResult, runPrivacyLab } from '../runPrivacyLab.ts';
import { DEFAULT_EPSILON_BUDGET, DEFAULT_K } from './figureThreshold.ts';
import {
  type FrontierOptions,
  type PrivacyUtilityFrontier,
  privacyUtilityFrontier,
} from './privacyUtilityFrontier.ts';
import { type Recommendation, recommendations } from './recommendations.ts';
import type { ReportFigure } from './reportFigure.ts';
import { reportFigures, type UnmeasuredFigure } from './reportFigures.ts';

export const REPORT_FORMAT = 'varv.privacy-report/1';

/**
 * The privacy report of one configuration over several seeds: every figure with its interval
 * (pooled and per seed), attacks run, seeds and configuration hash, rated against the default
 * thresholds with the configuration's own tolerances beside; recommendations; the frontier.
 * `figures`, `configHash`, `scenario` and `seeds` are what `varv notice --risk` reads.
 */
export type PrivacyReport = {
  format: typeof REPORT_FORMAT;
  source: string;
  /** The stores (ids) the configuration runs. */
  scenario: string;
  /** The configuration's hash with its first seed (each run's own hash is in `runs`). */
  configHash: string;
  seeds: number[];
  days: number;
  mode: PrivacyLabConfig['mode'];
  attacksPerSeed: number;
  bucketMinutes: number;
  stores: { id: string; privacy: PrivacySettings }[];
  runs: {
    seed: number;
    configHash: string;
    release: PrivacyLabResult['release'];
    consistency: Proportion;
  }[];
  /** P(two sightings of one visit share a group), pooled over the seeds: the consistency reached. */
  consistency: Proportion;
  thresholds: {
    defaults: PropertyThresholds & {
      prosecutor: number;
      journalist: number;
      marketer: number;
      k: number;
      epsilon: number;
    };
    configuration: PropertyThresholds & { budget: number | null };
    /** The configuration's own words on its thresholds (a lab file's `note`). */
    note: string | null;
    /** How a figure is rated against a threshold. */
    rule: string;
  };
  figures: ReportFigure[];
  unmeasured: UnmeasuredFigure[];
  /** The attacks run: per attack figure, trials over all seeds. */
  attacksRun: {
    id: string;
    name: string;
    attacks: number;
    perSeed: { seed: number; attacks: number | null }[];
  }[];
  occupancy: {
    /** Classes by k over all seeds (k ≥ 10 pooled). */
    histogram: { k: string; classes: number }[];
    classes: number;
    /** The part of the day with the fewest people per group (mean k over days and seeds). */
    quietestSlot: { label: string; meanK: number } | null;
  } | null;
  epsilon: EpsilonReport | null;
  recommendations: Recommendation[];
  frontier: PrivacyUtilityFrontier | null;
};

export type PrivacyReportOptions = {
  /** Seeds: a count (config.seed, config.seed + 1, …) or the list. Default 3. */
  seeds?: number | readonly number[];
  /** Measure the privacy–utility frontier (options, or true for the defaults). */
  frontier?: boolean | (Omit<FrontierOptions, 'seeds' | 'progress'> & { seeds?: readonly number[] });
  /** The configuration's note on its thresholds. */
  note?: string | null;
  progress?: (label: string) => void;
};

/** Runs the privacy lab over the seeds (and the frontier, when asked) and assembles the report. */
export function buildPrivacyReport(config: PrivacyLabConfig, opts: PrivacyReportOptions = {}): PrivacyReport {
  const seeds =
    typeof opts.seeds === 'number' || opts.seeds === undefined
      ? Array.from({ length: (opts.seeds as number | undefined) ?? 3 }, (_, i) => config.seed + i)
      : [...opts.seeds];
  const runs = seeds.map((seed) => {
    opts.progress?.(`seed ${seed}: privacy lab`);
    return runPrivacyLab({ ...config, seed }, { progress: (l) => opts.progress?.(`seed ${seed}: ${l}`) });
  });
  let frontier: PrivacyUtilityFrontier | null = null;
  if (opts.frontier) {
    const fo = opts.frontier === true ? {} : opts.frontier;
    frontier = privacyUtilityFrontier(config, { ...fo, seeds: fo.seeds ?? seeds, progress: opts.progress });
  }
  return assembleReport(config, runs, { frontier, note: opts.note ?? null });
}

/** The report from runs already made (one per seed) and the frontier, if measured. */
export function assembleReport(
  config: PrivacyLabConfig,
  runs: readonly PrivacyLabResult[],
  extra: { frontier: PrivacyUtilityFrontier | null; note: string | null },
): PrivacyReport {
  const { figures, unmeasured } = reportFigures(runs, config);
  const stores = config.scenarios.map((sc) => ({ id: sc.store.id, privacy: defaultPrivacy(sc) }));
  const occupancy = pooledOccupancy(runs);
  const first = runs[0] as PrivacyLabResult;
  return {
    format: REPORT_FORMAT,
    source: config.source,
    scenario: stores.map((s) => s.id).join(', '),
    configHash: configurationHash({ ...config, seed: first.seed }),
    seeds: runs.map((r) => r.seed),
    days: config.days,
    mode: config.mode,
    attacksPerSeed: config.attacks,
    bucketMinutes: config.bucketMs / 60_000,
    stores,
    runs: runs.map((r) => ({
      seed: r.seed,
      configHash: r.configHash,
      release: r.release,
      consistency: r.consistency,
    })),
    consistency: wilson(
      runs.reduce((s, r) => s + r.consistency.successes, 0),
      runs.reduce((s, r) => s + r.consistency.n, 0),
    ),
    thresholds: {
      defaults: { ...DEFAULT_THRESHOLDS, ...ARX_THRESHOLDS, k: DEFAULT_K, epsilon: DEFAULT_EPSILON_BUDGET },
      configuration: { ...config.thresholds, budget: config.budget },
      note: extra.note,
      rule: 'green: the whole 95% interval is within the threshold; amber: the estimate is within but the interval reaches past it; red: the estimate is past it. Ratings are against the default thresholds; a tolerance the configuration states is shown beside.',
    },
    figures,
    unmeasured,
    attacksRun: figures
      .filter((x) => x.interval === 'anonymeter')
      .map((x) => ({
        id: x.id,
        name: x.name,
        attacks: x.n ?? 0,
        perSeed: x.perSeed.map((s) => ({ seed: s.seed, attacks: s.n })),
      })),
    occupancy,
    epsilon: first.assessment.epsilon,
    recommendations: recommendations({
      figures,
      privacy: stores[0]?.privacy as PrivacySettings,
      quietestSlot: occupancy?.quietestSlot ?? null,
      frontier: extra.frontier,
    }),
    frontier: extra.frontier,
  };
}

function pooledOccupancy(runs: readonly PrivacyLabResult[]): PrivacyReport['occupancy'] {
  const occ = runs.map((r) => r.assessment.occupancy).filter((o) => o !== null);
  if (!occ.length) return null;
  const hist = new Map<string, number>();
  for (const o of occ) for (const h of o.k.histogram) hist.set(h.k, (hist.get(h.k) ?? 0) + h.classes);
  const order = [...Array.from({ length: 9 }, (_, i) => String(i + 1)), '10+'];
  const slots = new Map<string, { sum: number; n: number }>();
  for (const o of occ)
    for (const s of o.bySlot) {
      const label = `${s.interval}${runs[0] && runs[0].stores.length > 1 ? ` at ${s.store}` : ''}`;
      const e = slots.get(label) ?? { sum: 0, n: 0 };
      e.sum += s.meanK;
      e.n++;
      slots.set(label, e);
    }
  let quietest: { label: string; meanK: number } | null = null;
  for (const [label, e] of slots) {
    const meanK = e.sum / e.n;
    if (!quietest || meanK < quietest.meanK) quietest = { label, meanK };
  }
  return {
    histogram: order.filter((k) => hist.has(k)).map((k) => ({ k, classes: hist.get(k) as number })),
    classes: occ.reduce((s, o) => s + o.classes, 0),
    quietestSlot: quietest,
  };
}
