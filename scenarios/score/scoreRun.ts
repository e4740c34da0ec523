import {
  type AnalyticsSettings,
  analyse,
  loopConformance,
  type StoreKpis,
} from '../../engine/analytics/index.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import type { StoreLayout } from '../../engine/layout/index.ts';
import { intervalNames } from '../../engine/privacy/index.ts';
import type { TruthRecord } from '../sim/index.ts';
import { truthKpis, truthTillsNeeded } from './truthKpis.ts';

/** One KPI: the estimate from the events beside the truth, and the error. */
export type ScoreRow = {
  kpi: string;
  unit: string;
  estimate: number | null;
  /** The estimate's 95% interval, where it has one. */
  ci: [number, number] | null;
  truth: number | null;
  /** |estimate − truth| / truth ("relative"), |estimate − truth| ("absolute"), or a distance ("distance"). */
  error: number | null;
  errorKind: 'relative' | 'absolute' | 'distance' | 'covered';
  /** The target (if any) and whether it is met. */
  target: string | null;
  pass: boolean | null;
};

export type ScoreReport = {
  store: string;
  days: number;
  settings: { groups: number; consistency: number; k: number };
  rows: ScoreRow[];
  kpis: StoreKpis;
};

export type ScoreOptions = { replicates?: number; queueBinMs?: number };

/**
 * Scores every KPI of a simulated run: the analytics see only the events (and the layout and the
 * privacy settings); the truth log is read here, beside them, never by an estimator.
 */
export function scoreRun(
  events: readonly (SightingV1 | CountV1)[],
  truth: readonly TruthRecord[],
  store: StoreLayout,
  settings: AnalyticsSettings,
  opts: ScoreOptions = {},
): ScoreReport {
  const kpis = analyse(events, store, settings, { replicates: opts.replicates, queueBinMs: opts.queueBinMs });
  const t = truthKpis(truth, store, { intervals: settings.intervals });
  const rows: ScoreRow[] = [];
  const rel = (
    kpi: string,
    unit: string,
    estimate: number | null,
    truthValue: number | null,
    max: number | null,
    ci: [number, number] | null = null,
  ) => {
    const error =
      estimate === null || truthValue === null || !Number.isFinite(estimate)
        ? null
        : Math.abs(estimate - truthValue) / Math.abs(truthValue);
    rows.push({
      kpi,
      unit,
      estimate,
      ci,
      truth: truthValue,
      error,
      errorKind: 'relative',
      target: max === null ? null : `≤ ${(max * 100).toFixed(0)}%`,
      pass: max === null ? null : error !== null && error <= max,
    });
  };
  const abs = (
    kpi: string,
    unit: string,
    estimate: number | null,
    truthValue: number | null,
    error: number | null,
    max: number | null,
    kind: ScoreRow['errorKind'] = 'absolute',
  ) =>
    rows.push({
      kpi,
      unit,
      estimate,
      ci: null,
      truth: truthValue,
      error,
      errorKind: kind,
      target: max === null ? null : `≤ ${max}`,
      pass: max === null ? null : error !== null && error <= max,
    });

  // Visits and duration.
  rel('visits', 'visits', kpis.visits.total.value, t.visits, 0.02);
  const min = (ms: number | null) => (ms === null ? null : ms / 60_000);
  rel('mean visit (Little)', 'min', min(kpis.occupancy.meanVisitMs), min(t.meanVisitMs), null);
  const d = kpis.duration;
  rel(
    'median visit (pairing)',
    'min',
    min(d.medianMs),
    min(t.medianVisitMs),
    0.15,
    d.medianCi ? [d.medianCi.lo / 60_000, d.medianCi.hi / 60_000] : null,
  );

  // Queues: per till, per released bin, against the truth's mean line length over the bin.
  const q = kpis.queues;
  let absSum = 0;
  let bins = 0;
  let allBins = 0;
  for (const tq of t.queues) {
    const est = q.tills.find((x) => x.till === tq.till);
    const byFrom = new Map((est?.series ?? []).map((c) => [c.from, c.length]));
    const start = Math.floor(tq.from / q.binMs) * q.binMs;
    const end = tq.from + tq.perSecond.length * 1000;
    for (let b = start; b < end; b += q.binMs) {
      let sum = 0;
      let n = 0;
      for (let s = Math.max(0, Math.ceil((b - tq.from) / 1000)); s < tq.perSecond.length; s++) {
        if (tq.from + s * 1000 >= b + q.binMs) break;
        sum += tq.perSecond[s] as number;
        n++;
      }
      if (!n) continue;
      allBins++;
      const cell = byFrom.get(b);
      if (!cell || cell.suppressed) continue;
      absSum += Math.abs(cell.value - sum / n);
      bins++;
    }
  }
  abs(
    `queue length MAE (${q.binMs / 60_000}-min bins, ${bins} of ${allBins} released)`,
    'people',
    bins ? absSum / bins : null,
    0,
    bins ? absSum / bins : null,
    1,
  );
  rel(
    'mean wait (Little)',
    's',
    q.meanWaitMs === null ? null : q.meanWaitMs / 1000,
    t.meanWaitMs / 1000,
    0.2,
  );

  // Flows.
  const tv = (m: Map<string, Map<string, number>>) => flowDistance(kpis, m);
  abs('flow matrix TV', 'TV', tv(t.transitions), 0, tv(t.transitions), 0.15, 'distance');
  abs(
    'flow matrix TV (zone visits ≥ 10 s)',
    'TV',
    tv(t.transitionsMinDwell),
    0,
    tv(t.transitionsMinDwell),
    null,
    'distance',
  );
  // Loop conformance: the estimated chain against the truth's chain, and against the visits themselves.
  const truthMatrix = toMatrix(kpis.transitions.zones, t.transitions);
  const truthLoop = loopConformance(
    kpis.transitions.zones,
    truthMatrix.matrix,
    truthMatrix.moves,
    store.loop,
  );
  abs(
    'loop following (chain)',
    'share',
    kpis.loop.following,
    truthLoop.following,
    diff(kpis.loop.following, truthLoop.following),
    null,
  );
  abs(
    'loop following (visits, truth)',
    'share',
    kpis.loop.following,
    t.following,
    diff(kpis.loop.following, t.following),
    null,
  );
  abs(
    'loop alignment',
    'score',
    kpis.loop.alignment,
    truthLoop.alignment,
    diff(kpis.loop.alignment, truthLoop.alignment),
    null,
  );
  const skipErr = store.loop
    .map((z) => diff(kpis.loop.skipped[z] ?? null, t.skipped[z] ?? null))
    .filter((x): x is number => x !== null);
  abs('loop skipped zones MAE', 'share', mean(skipErr), 0, mean(skipErr), null);

  // Returns.
  const r = kpis.returns;
  const covered =
    r.ci && t.returnFrequency !== null ? t.returnFrequency >= r.ci.lo && t.returnFrequency <= r.ci.hi : null;
  rows.push({
    kpi: 'return frequency (same interval)',
    unit: 'per visit',
    estimate: r.frequency,
    ci: r.ci ? [r.ci.lo, r.ci.hi] : null,
    truth: t.returnFrequency,
    error:
      r.frequency !== null && t.returnFrequency !== null ? Math.abs(r.frequency - t.returnFrequency) : null,
    errorKind: 'covered',
    target: '95% CI covers truth',
    pass: covered,
  });

  // Interest per object.
  const objs = kpis.interest.filter((i) => i.kind === 'object');
  const errs = { passers: [] as number[], stoppers: [] as number[], attraction: [] as number[] };
  for (const o of objs) {
    const tr = t.interest[o.id];
    if (!tr || o.passers === null || o.stoppers === null) continue;
    errs.passers.push(Math.abs(o.passers - tr.passers) / Math.max(1, tr.passers));
    errs.stoppers.push(Math.abs(o.stoppers - tr.stoppers) / Math.max(1, tr.stoppers));
    if (o.attraction !== null && tr.passers)
      errs.attraction.push(Math.abs(o.attraction - tr.stoppers / tr.passers));
  }
  abs(
    `interest passers, mean rel. error (${errs.passers.length} objects)`,
    'share',
    mean(errs.passers),
    0,
    mean(errs.passers),
    null,
  );
  abs('interest stoppers, mean rel. error', 'share', mean(errs.stoppers), 0, mean(errs.stoppers), null);
  abs('interest attraction, MAE', 'share', mean(errs.attraction), 0, mean(errs.attraction), null);

  // Demographics per zone and interval.
  const womanErr: number[] = [];
  const ageTv: number[] = [];
  for (const cell of kpis.demographics) {
    const tr = t.demographics.get(`${cell.zone}|${cell.interval}`);
    if (!tr || tr.n < settings.k) continue;
    if (cell.gender) womanErr.push(Math.abs(cell.gender.woman - tr.woman));
    if (cell.age)
      ageTv.push(Object.values(cell.age).reduce((s, p, i) => s + Math.abs(p - (tr.age[i] as number)), 0) / 2);
  }
  abs(
    `demographics woman share MAE (${womanErr.length} cells)`,
    'share',
    mean(womanErr),
    0,
    mean(womanErr),
    null,
  );
  abs('demographics age TV', 'TV', mean(ageTv), 0, mean(ageTv), null, 'distance');

  // Tills needed (Erlang C on the forecast) against Erlang C on what really came.
  const staffed = new Set(store.tills.filter((x) => x.kind === 'staffed').map((x) => x.id));
  for (const h of [15, 30]) {
    const diffs: number[] = [];
    for (const f of kpis.forecast) {
      if (f.horizonMin !== h || f.tills === null) continue;
      const need = truthTillsNeeded(t.visitsTruth, staffed, f.at, h);
      if (need !== null) diffs.push(Math.abs(f.tills - need));
    }
    abs(
      `tills needed next ${h} min, MAE (${diffs.length} forecasts)`,
      'tills',
      mean(diffs),
      0,
      mean(diffs),
      null,
    );
  }

  // Staffing: does the busiest post per interval match the truth's?
  let agree = 0;
  let plans = 0;
  for (const plan of kpis.staffing) {
    const iv = intervalNames.indexOf(plan.interval);
    const zt = t.zoneTime[iv] as Record<string, number>;
    const busiest = [...store.staffPosts].sort(
      (a, b) =>
        b.serves.reduce((s, z) => s + (zt[z] ?? 0), 0) - a.serves.reduce((s, z) => s + (zt[z] ?? 0), 0),
    )[0];
    if (!busiest || !plan.posts.length) continue;
    plans++;
    if (plan.posts[0]?.post === busiest.id) agree++;
  }
  abs(
    'staffing: busiest post right',
    'share of intervals',
    plans ? agree / plans : null,
    1,
    plans ? 1 - agree / plans : null,
    null,
  );

  return {
    store: store.id,
    days: truth.filter((x) => x.type === 'day').length,
    settings: { groups: settings.groups, consistency: settings.consistency, k: settings.k },
    rows,
    kpis,
  };
}

function diff(a: number | null, b: number | null): number | null {
  return a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) ? null : Math.abs(a - b);
}

function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** A truth transition count table as a row-normalised matrix over the given zones. */
export function toMatrix(
  zones: readonly string[],
  counts: Map<string, Map<string, number>>,
): { matrix: (number[] | null)[]; moves: number[] } {
  const matrix = zones.map((a) => {
    const row = counts.get(a);
    const total = row ? [...row.values()].reduce((x, y) => x + y, 0) : 0;
    return total ? zones.map((b) => (row?.get(b) ?? 0) / total) : null;
  });
  const moves = zones.map((a) => [...(counts.get(a)?.values() ?? [])].reduce((x, y) => x + y, 0));
  return { matrix, moves };
}

/**
 * Total variation between the estimated and the true transition rows, averaged with the truth's
 * row weights; a row the estimate suppressed counts as fully wrong (1).
 */
export function flowDistance(kpis: StoreKpis, truth: Map<string, Map<string, number>>): number {
  const { zones, matrix } = kpis.transitions;
  const t = toMatrix(zones, truth);
  let sum = 0;
  let weight = 0;
  zones.forEach((_, a) => {
    const w = t.moves[a] as number;
    const tr = t.matrix[a];
    if (!w || !tr) return;
    const est = matrix[a];
    const d = est ? tr.reduce((s, p, b) => s + Math.abs(p - (est[b] as number)), 0) / 2 : 1;
    sum += w * d;
    weight += w;
  });
  return weight ? sum / weight : Number.NaN;
}
