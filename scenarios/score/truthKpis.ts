import { serversNeeded } from '../../engine/analytics/index.ts';
import type { StoreLayout } from '../../engine/layout/index.ts';
import { DayIntervals, intervalNames } from '../../engine/privacy/index.ts';
import type { DayTruth, QueueTruth, TruthRecord, VisitTruth } from '../sim/index.ts';

/**
 * The KPIs as they really were, from the simulator's truth log (visits, queue lengths per second,
 * days). Only scoring reads this; the estimators never do.
 */
export type TruthKpis = {
  visits: number;
  meanVisitMs: number;
  medianVisitMs: number;
  /** Mean wait in line per paying visit (ms): serviceStart − joinedLine. */
  meanWaitMs: number;
  /** Per till: line length per second from `from` (epoch ms). */
  queues: { till: string; from: number; perSecond: number[] }[];
  /** Zone sequences' transitions (counts), raw and with zone visits under `minZoneMs` dropped (doors kept). */
  transitions: Map<string, Map<string, number>>;
  transitionsMinDwell: Map<string, Map<string, number>>;
  /** Share of visits whose first entries into loop zones come in loop order; P(never entering) per loop zone. */
  following: number;
  skipped: Record<string, number>;
  /** Earlier same-interval visits (earlier days) per visit from the second day on; null with one day. */
  returnFrequency: number | null;
  /** Per object: visits that passed it, that stopped ≥ 5 s, and the stops' durations (ms). */
  interest: Record<string, { passers: number; stoppers: number; dwellsMs: number[] }>;
  /** Per zone: visits that entered it. */
  zoneVisitors: Record<string, number>;
  /** Per `zone|interval`: visits entering, and the woman share and age-band shares among them. */
  demographics: Map<string, { n: number; woman: number; age: number[] }>;
  /** Per interval: time spent per zone (ms) by all visits, for staffing. */
  zoneTime: Record<string, number>[];
  visitsTruth: VisitTruth[];
};

export type TruthOptions = { minZoneMs?: number; intervals?: readonly [string, string, string] };

export function truthKpis(
  truth: readonly TruthRecord[],
  store: StoreLayout,
  opts: TruthOptions = {},
): TruthKpis {
  const minZoneMs = opts.minZoneMs ?? 10_000;
  const intervals = new DayIntervals(store.timezone, opts.intervals);
  const visits = truth.filter((r): r is VisitTruth => r.type === 'visit');
  const done = visits.filter((v) => v.left !== null);
  const durations = done.map((v) => (v.left as number) - v.entered).sort((a, b) => a - b);
  const waits = visits
    .filter((v) => v.joinedLine !== null && v.serviceStart !== null)
    .map((v) => (v.serviceStart as number) - (v.joinedLine as number));
  const doorZones = new Set(
    store.zones.filter((z) => z.class === 'entrance' || z.class === 'exit').map((z) => z.id),
  );
  const transitions = new Map<string, Map<string, number>>();
  const transitionsMinDwell = new Map<string, Map<string, number>>();
  const add = (m: Map<string, Map<string, number>>, a: string, b: string) => {
    let row = m.get(a);
    if (!row) {
      row = new Map();
      m.set(a, row);
    }
    row.set(b, (row.get(b) ?? 0) + 1);
  };
  const loop = store.loop;
  let following = 0;
  const skippedCount: Record<string, number> = Object.fromEntries(loop.map((z) => [z, 0]));
  const zoneVisitors: Record<string, number> = {};
  const demographics = new Map<string, { n: number; woman: number; age: number[] }>();
  const zoneTime: Record<string, number>[] = [{}, {}, {}];
  const ageIndex = ['0-17', '18-29', '30-44', '45-64', '65+'];
  for (const v of visits) {
    const seq = (zs: [string, number, number][]) => {
      const out: string[] = [];
      for (const [z] of zs) if (out[out.length - 1] !== z) out.push(z);
      return out;
    };
    const raw = seq(v.zones);
    const kept = seq(v.zones.filter(([z, a, b]) => b - a >= minZoneMs || doorZones.has(z)));
    for (let i = 1; i < raw.length; i++) add(transitions, raw[i - 1] as string, raw[i] as string);
    for (let i = 1; i < kept.length; i++) add(transitionsMinDwell, kept[i - 1] as string, kept[i] as string);
    // Loop order of first entries.
    const firsts = raw.filter((z, i) => raw.indexOf(z) === i && loop.includes(z)).map((z) => loop.indexOf(z));
    if (firsts.every((x, i) => i === 0 || x > (firsts[i - 1] as number))) following++;
    for (const z of loop) if (!raw.includes(z)) skippedCount[z] = (skippedCount[z] as number) + 1;
    const entered = new Set<string>();
    for (const [z, a, b] of v.zones) {
      const iv = intervalNames.indexOf(intervals.at(a).interval);
      const row = zoneTime[iv] as Record<string, number>;
      row[z] = (row[z] ?? 0) + (b - a);
      const key = `${z}|${intervalNames[iv]}`;
      if (entered.has(key)) continue;
      entered.add(key);
      let cell = demographics.get(key);
      if (!cell) {
        cell = { n: 0, woman: 0, age: [0, 0, 0, 0, 0] };
        demographics.set(key, cell);
      }
      cell.n++;
      if (v.gender === 'woman') cell.woman++;
      const ai = ageIndex.indexOf(v.age);
      cell.age[ai] = (cell.age[ai] as number) + 1;
    }
    for (const z of new Set(raw)) zoneVisitors[z] = (zoneVisitors[z] ?? 0) + 1;
  }
  for (const cell of demographics.values()) {
    cell.woman /= cell.n;
    cell.age = cell.age.map((n) => n / cell.n);
  }
  const interest: TruthKpis['interest'] = {};
  for (const o of store.objects) {
    const at = (id: string) => id === o.id || (o.obstacle !== undefined && id.startsWith(`${o.obstacle}#`));
    let passers = 0;
    let stoppers = 0;
    const dwellsMs: number[] = [];
    for (const v of visits) {
      if (v.passed.includes(o.id)) passers++;
      const mine = v.dwells.filter(([id]) => at(id)).map(([, a, b]) => b - a);
      dwellsMs.push(...mine);
      if (mine.some((d) => d >= 5000)) stoppers++;
    }
    interest[o.id] = { passers, stoppers, dwellsMs };
  }
  // Return frequency: per visit from the second day on, earlier visits by the same person in the same interval.
  const days = truth.filter((r): r is DayTruth => r.type === 'day').length;
  let returnFrequency: number | null = null;
  if (days >= 2) {
    const seen = new Map<string, number>();
    let later = 0;
    let links = 0;
    const byDay = [...visits].sort((a, b) => a.day - b.day || a.entered - b.entered);
    let day = -1;
    let today: string[] = [];
    for (const v of byDay) {
      if (v.day !== day) {
        for (const key of today) seen.set(key, (seen.get(key) ?? 0) + 1);
        today = [];
        day = v.day;
      }
      const key = `${v.person}|${intervals.at(v.entered).interval}`;
      if (v.day > 0) {
        later++;
        links += seen.get(key) ?? 0;
      }
      today.push(key);
    }
    returnFrequency = later > 0 ? links / later : null;
  }
  return {
    visits: visits.length,
    meanVisitMs: durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length),
    medianVisitMs: median(durations),
    meanWaitMs: waits.reduce((a, b) => a + b, 0) / Math.max(1, waits.length),
    queues: truth
      .filter((r): r is QueueTruth => r.type === 'queue')
      .map((q) => ({ till: q.till, from: q.from, perSecond: q.perSecond })),
    transitions,
    transitionsMinDwell,
    following: following / Math.max(1, visits.length),
    skipped: Object.fromEntries(
      loop.map((z) => [z, (skippedCount[z] as number) / Math.max(1, visits.length)]),
    ),
    returnFrequency,
    interest,
    zoneVisitors,
    demographics,
    zoneTime,
    visitsTruth: visits,
  };
}

/** Tills the truth needed in [at, at + h]: Erlang C on the real checkout arrivals and service times. */
export function truthTillsNeeded(
  visits: readonly VisitTruth[],
  staffed: ReadonlySet<string>,
  at: number,
  horizonMin: number,
  maxWaitS = 120,
): number | null {
  const h = horizonMin * 60_000;
  const came = visits.filter((v) => v.joinedLine !== null && v.joinedLine >= at && v.joinedLine < at + h);
  // Service times at staffed tills around the window (the forecast plans staffed tills).
  const served = visits.filter(
    (v) =>
      v.till !== null &&
      staffed.has(v.till) &&
      v.serviceStart !== null &&
      v.paid !== null &&
      v.serviceStart >= at - h &&
      v.serviceStart < at + h,
  );
  if (!served.length) return came.length ? null : 1;
  const meanService =
    served.reduce((s, v) => s + ((v.paid as number) - (v.serviceStart as number)), 0) / served.length / 1000;
  return serversNeeded(came.length / (h / 1000), 1 / meanService, maxWaitS);
}

export function median(sorted: readonly number[]): number {
  if (!sorted.length) return Number.NaN;
  const m = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[m] as number) : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2;
}
