import type { PrivacySettings, ResolvedScenario } from '../../../engine/layout/index.ts';
import { intervalNames, wilson } from '../../../engine/privacy/index.ts';
import {
  type AttackRisk,
  linkability,
  personIndex,
  singlingOut,
} from '../../../engine/privacy/risk/index.ts';
import { type ScoreReport, scenarioSettings, scoreRun } from '../../score/index.ts';
import { StoreWorld } from '../../sim/index.ts';
import { defaultPrivacy, type PrivacyLabConfig } from '../labConfig.ts';
import { labRecords } from '../labRelease.ts';
import { measuredConsistency } from '../runPrivacyLab.ts';
import { crowdRecording } from './crowdRecording.ts';
import { paretoFront } from './paretoFront.ts';
import { poolResidual } from './poolResidual.ts';
import { relabelledRun } from './relabelledRun.ts';

export type FrontierGrid = { groups: readonly number[]; consistency: readonly number[] };
export const DEFAULT_FRONTIER_GRID: FrontierGrid = { groups: [64, 256, 1024], consistency: [0.3, 0.5, 0.8] };

/** An attack's residual risk pooled over the frontier's seeds. */
export type FrontierRisk = { risk: number; lo: number; hi: number; attacks: number };

/** One KPI's scored error (analytics against truth) at a frontier point: the mean over seeds. */
export type FrontierError = {
  error: number;
  perSeed: (number | null)[];
  kind: 'absolute' | 'relative' | 'distance';
  /** Means over the seeds of the estimate and of the truth it was scored against (null: none). */
  estimate: number | null;
  truth: number | null;
};

export type FrontierPoint = {
  groups: number;
  consistency: number;
  rotation: PrivacySettings['rotation'];
  /** A grid point, or the configuration's own point with daily key rotation (for comparison). */
  role: 'grid' | 'rotation';
  /** The configuration's own groups and consistency. */
  current: boolean;
  /** P(two sightings of one visit share a group), pooled: the consistency reached. */
  measuredConsistency: number;
  /** How many groups people are really spread over (the calibration's estimate, mean over seeds). */
  effectiveGroups: number;
  risk: {
    /** Linking a visit to the same person's on another day in the same part of the day (same key epoch). */
    linkInterval: FrontierRisk | null;
    /** Linking a visit to the same person's on another day, any part of it. */
    linkDays: FrontierRisk | null;
    singlingOut: FrontierRisk | null;
  };
  /** Scored errors of the KPIs the groups affect; null where the analytics give no estimate. */
  utility: {
    returnFrequency: FrontierError | null;
    medianVisit: FrontierError | null;
    meanWait: FrontierError | null;
    flow: FrontierError | null;
    /** The mean width of the return frequency's 95% interval (per visit). */
    returnFrequencyCiWidth: number | null;
  };
  /** On the Pareto front of (linkInterval risk, return-frequency error), grid points only. */
  pareto: boolean;
};

export type PrivacyUtilityFrontier = {
  store: string;
  seeds: number[];
  days: number;
  window: { start: string; end: string };
  grid: FrontierGrid;
  visits: number;
  /** The two axes of the front. */
  axes: { risk: 'linkInterval'; utility: 'returnFrequency' };
  points: FrontierPoint[];
};

export type FrontierOptions = {
  grid?: FrontierGrid;
  seeds: readonly number[];
  /** Crowd-simulated days per seed (default 3). */
  days?: number;
  /** The clock window simulated each day (default: the configuration's lunch interval within opening hours). */
  window?: { start: string; end: string };
  attacks?: number;
  /** Add the configuration's point with daily key rotation (default true unless it rotates daily already). */
  rotation?: boolean;
  progress?: (label: string) => void;
};

/**
 * The privacy–utility frontier over `groups` × `consistency`, for the configuration's first store:
 * per seed one crowd simulation (the whole simulator: walks, cameras, privacy core, truth), then per
 * grid point the same sightings with groups drawn again under that point's settings, and on those
 * same simulated days both the headline attacks (cross-day linkability, singling out) and the
 * analytics scored against the truth (scoreRun). Short windows keep it to minutes.
 */
export function privacyUtilityFrontier(
  config: PrivacyLabConfig,
  opts: FrontierOptions,
): PrivacyUtilityFrontier {
  const grid = opts.grid ?? DEFAULT_FRONTIER_GRID;
  const sc = config.scenarios[0] as ResolvedScenario;
  const base = defaultPrivacy(sc);
  const days = opts.days ?? 3;
  const window = opts.window ?? lunchWindow(sc, base);
  const attacks = opts.attacks ?? config.attacks;
  const settings: { privacy: PrivacySettings; role: FrontierPoint['role'] }[] = [];
  for (const groups of grid.groups)
    for (const consistency of grid.consistency)
      settings.push({ privacy: { ...base, groups, consistency }, role: 'grid' });
  if ((opts.rotation ?? true) && base.rotation !== 'daily')
    settings.push({ privacy: { ...base, rotation: 'daily' }, role: 'rotation' });

  type Acc = {
    linkInterval: AttackRisk[];
    linkDays: AttackRisk[];
    singlingOut: AttackRisk[];
    consistency: { same: number; pairs: number };
    scores: ScoreReport[];
    effectiveGroups: number[];
  };
  const acc: Acc[] = settings.map(() => ({
    linkInterval: [],
    linkDays: [],
    singlingOut: [],
    consistency: { same: 0, pairs: 0 },
    scores: [],
    effectiveGroups: [],
  }));
  const world = new StoreWorld(sc.store);
  let visits = 0;
  for (const seed of opts.seeds) {
    opts.progress?.(`frontier: seed ${seed}, crowd-simulating ${days} day(s) ${window.start}–${window.end}`);
    const rec = crowdRecording(sc, { seed, days, window, world });
    visits += rec.visits.size;
    settings.forEach(({ privacy }, i) => {
      opts.progress?.(
        `frontier: seed ${seed}, groups ${privacy.groups}, consistency ${privacy.consistency}, rotation ${privacy.rotation}`,
      );
      const run = relabelledRun(rec, privacy, { pool: config.pool });
      const a = acc[i] as Acc;
      a.effectiveGroups.push(run.effectiveGroups);
      a.scores.push(scoreRun(run.events, rec.truth, run.scenario.store, scenarioSettings(run.scenario)));
      const c = measuredConsistency(run.release);
      a.consistency.same += c.successes;
      a.consistency.pairs += c.n;
      const { records, identities } = labRecords(run.release, { bucketMs: config.bucketMs });
      const people = personIndex(records, identities);
      const li = linkability(records, identities, { scope: 'interval', seed, targets: attacks, people });
      if (li.mated > 0) a.linkInterval.push(li);
      const ld = linkability(records, identities, { scope: 'days', seed, targets: attacks, people });
      if (ld.mated > 0) a.linkDays.push(ld);
      const so = singlingOut(records, identities, { seed, attacks, people });
      if (so.attacks > 0) a.singlingOut.push(so);
    });
  }
  const points: FrontierPoint[] = settings.map(({ privacy, role }, i) => {
    const a = acc[i] as Acc;
    const rf = kpiError(a.scores, (k) => k.startsWith('return frequency'));
    const widths = a.scores
      .map((s) => s.kpis.returns.ci)
      .filter((ci): ci is NonNullable<typeof ci> => ci !== null)
      .map((ci) => ci.hi - ci.lo);
    return {
      groups: privacy.groups,
      consistency: privacy.consistency,
      rotation: privacy.rotation,
      role,
      current: role === 'grid' && privacy.groups === base.groups && privacy.consistency === base.consistency,
      measuredConsistency: wilson(a.consistency.same, a.consistency.pairs).p,
      effectiveGroups: a.effectiveGroups.reduce((x, y) => x + y, 0) / a.effectiveGroups.length,
      risk: {
        linkInterval: pooled(a.linkInterval),
        linkDays: pooled(a.linkDays),
        singlingOut: pooled(a.singlingOut),
      },
      utility: {
        returnFrequency: rf,
        medianVisit: kpiError(a.scores, (k) => k.startsWith('median visit')),
        meanWait: kpiError(a.scores, (k) => k.startsWith('mean wait')),
        flow: kpiError(a.scores, (k) => k === 'flow matrix TV'),
        returnFrequencyCiWidth: widths.length ? widths.reduce((x, y) => x + y, 0) / widths.length : null,
      },
      pareto: false,
    };
  });
  const grids = points.map((p, i) => ({ p, i })).filter(({ p }) => p.role === 'grid');
  const front = paretoFront(
    grids.map(({ p }) => ({
      x: p.risk.linkInterval?.risk ?? null,
      y: p.utility.returnFrequency?.error ?? null,
    })),
  );
  grids.forEach(({ p }, j) => {
    p.pareto = front[j] as boolean;
  });
  return {
    store: sc.store.id,
    seeds: [...opts.seeds],
    days,
    window,
    grid,
    visits,
    axes: { risk: 'linkInterval', utility: 'returnFrequency' },
    points,
  };
}

function pooled(risks: AttackRisk[]): FrontierRisk | null {
  if (!risks.length) return null;
  const r = poolResidual(risks);
  return { risk: r.risk, lo: r.lo, hi: r.hi, attacks: r.attacks };
}

function kpiError(scores: readonly ScoreReport[], which: (kpi: string) => boolean): FrontierError | null {
  const rows = scores.map((s) => s.rows.find((r) => which(r.kpi)) ?? null);
  const perSeed = rows.map((r) => (r && r.error !== null && Number.isFinite(r.error) ? r.error : null));
  const known = perSeed.filter((e): e is number => e !== null);
  if (!known.length) return null;
  const kind = rows.find((r) => r !== null)?.errorKind;
  const mean = (xs: (number | null | undefined)[]) => {
    const ok = xs.filter((x): x is number => x !== null && x !== undefined && Number.isFinite(x));
    return ok.length ? ok.reduce((x, y) => x + y, 0) / ok.length : null;
  };
  return {
    error: known.reduce((x, y) => x + y, 0) / known.length,
    perSeed,
    kind: kind === 'relative' ? 'relative' : kind === 'distance' ? 'distance' : 'absolute',
    estimate: mean(rows.map((r) => r?.estimate)),
    truth: mean(rows.map((r) => r?.truth)),
  };
}

/**
 * The middle interval of the day ("lunch") within opening hours: one part of the day, so that every
 * visit of the window can be linked to the same person's on another day under the same key.
 */
export function lunchWindow(sc: ResolvedScenario, privacy: PrivacySettings): { start: string; end: string } {
  const clock = sc.clock as Extract<ResolvedScenario['clock'], { start: string }>;
  const lunch = intervalNames.indexOf('lunch');
  const start = later(clock.start, privacy.intervals[lunch] as string);
  const end = earlier(clock.end, privacy.intervals[lunch + 1] as string);
  return start < end ? { start, end } : { start: clock.start, end: clock.end };
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);
