import type { StoreKpis } from '../../engine/analytics/index.ts';
import type { GroupOccupancy } from '../../engine/privacy/risk/index.ts';
import type { TruthKpis } from '../score/index.ts';
import type { StoreDaySummary } from '../sim/index.ts';

/** What a KPI of a what-if is: its label, unit, where it comes from and which way is better. */
export type KpiInfo = {
  id: string;
  label: string;
  unit: string;
  /**
   * `events`: the analytics on the released events, what the store itself would see; `truth`:
   * the simulator's truth log, which no store has (labelled so in every report).
   */
  source: 'events' | 'truth';
  better: 'lower' | 'higher' | null;
};

const fixed: KpiInfo[] = [
  { id: 'visits', label: 'visits (door counts)', unit: 'visits', source: 'events', better: null },
  { id: 'meanVisitMin', label: 'mean visit (Little)', unit: 'min', source: 'events', better: null },
  { id: 'medianVisitMin', label: 'median visit (pairing)', unit: 'min', source: 'events', better: null },
  { id: 'meanWaitS', label: 'mean wait in line (Little)', unit: 's', source: 'events', better: 'lower' },
  { id: 'linePeak', label: 'longest line', unit: 'people', source: 'events', better: 'lower' },
  { id: 'queueMin', label: 'till-minutes with ≥ 3 in line', unit: 'min', source: 'events', better: 'lower' },
  { id: 'loopForward', label: 'loop: forward moves', unit: 'share', source: 'events', better: null },
  { id: 'loopFollowing', label: 'loop: P(never going back)', unit: 'P', source: 'events', better: null },
  { id: 'loopAlignment', label: 'loop: alignment', unit: 'score', source: 'events', better: null },
  { id: 'collisionQ', label: 'collision rate q (privacy)', unit: 'P', source: 'events', better: null },
  { id: 'truth:visits', label: 'visits', unit: 'visits', source: 'truth', better: null },
  { id: 'truth:meanVisitMin', label: 'mean visit', unit: 'min', source: 'truth', better: null },
  { id: 'truth:medianVisitMin', label: 'median visit', unit: 'min', source: 'truth', better: null },
  { id: 'truth:meanWaitS', label: 'mean wait in line', unit: 's', source: 'truth', better: 'lower' },
  { id: 'truth:linePeak', label: 'longest line', unit: 'people', source: 'truth', better: 'lower' },
  { id: 'truth:following', label: 'visits following the loop', unit: 'share', source: 'truth', better: null },
  {
    id: 'truth:gaveUp',
    label: 'stops given up (blocked 30 s)',
    unit: 'stops',
    source: 'truth',
    better: 'lower',
  },
  {
    id: 'truth:effectiveGroups',
    label: 'groups in use (privacy)',
    unit: 'groups',
    source: 'truth',
    better: null,
  },
  {
    id: 'truth:kMean',
    label: 'people per group and interval, mean k (privacy)',
    unit: 'people',
    source: 'truth',
    better: 'higher',
  },
  {
    id: 'truth:prosecutorRisk',
    label: 'prosecutor re-identification risk, average (privacy)',
    unit: 'P',
    source: 'truth',
    better: 'lower',
  },
  {
    id: 'truth:recordsAtRisk',
    label: 'records over the prosecutor threshold 0.2 (privacy)',
    unit: 'share',
    source: 'truth',
    better: 'lower',
  },
];

/** Per display (object) and per zone, KPIs named `<kind>:<id>`. */
const patterned: Record<string, (id: string) => Omit<KpiInfo, 'id'>> = {
  stoppers: (id) => ({ label: `stoppers at ${id}`, unit: 'people', source: 'events', better: 'higher' }),
  attraction: (id) => ({ label: `attraction of ${id}`, unit: 'share', source: 'events', better: 'higher' }),
  seen: (id) => ({ label: `people seen in ${id}`, unit: 'people', source: 'events', better: null }),
};

/** The order of KPIs in reports: the fixed ones as listed, then per display, then per zone. */
const kindOrder = ['stoppers', 'attraction', 'seen'];

/** What a KPI id means; an unknown id is described as itself. */
export function kpiInfo(id: string): KpiInfo {
  const f = fixed.find((k) => k.id === id);
  if (f) return f;
  const at = id.indexOf(':');
  const make = at > 0 ? patterned[id.slice(0, at)] : undefined;
  if (make) return { id, ...make(id.slice(at + 1)) };
  return { id, label: id, unit: '', source: id.startsWith('truth:') ? 'truth' : 'events', better: null };
}

/** Sorts KPI ids into report order (fixed ones first, as listed; then by kind and id). */
export function kpiOrder(ids: Iterable<string>): string[] {
  const rank = (id: string): [number, string] => {
    const f = fixed.findIndex((k) => k.id === id);
    if (f >= 0) return [f, ''];
    const kind = kindOrder.indexOf(id.slice(0, id.indexOf(':')));
    return [fixed.length + (kind >= 0 ? kind : kindOrder.length), id];
  };
  return [...new Set(ids)].sort((a, b) => {
    const [ra, sa] = rank(a);
    const [rb, sb] = rank(b);
    return ra - rb || (sa < sb ? -1 : sa > sb ? 1 : 0);
  });
}

const num = (x: number | null | undefined): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;

/**
 * One run's KPIs: from the analytics on its events (what the store would see) and, labelled
 * `truth:`, from its truth log. A KPI the analytics withheld (k-threshold) or could not estimate
 * is null.
 */
export function kpiValues(
  kpis: StoreKpis,
  truth: TruthKpis,
  summary: StoreDaySummary,
  occupancy?: GroupOccupancy,
): Record<string, number | null> {
  const v: Record<string, number | null> = {};
  v.visits = num(kpis.visits.total.value);
  v.meanVisitMin = num(kpis.occupancy.meanVisitMs === null ? null : kpis.occupancy.meanVisitMs / 60_000);
  v.medianVisitMin = num(kpis.duration.medianMs === null ? null : kpis.duration.medianMs / 60_000);
  v.meanWaitS = num(kpis.queues.meanWaitMs === null ? null : kpis.queues.meanWaitMs / 1000);
  const watched = kpis.queues.tills.filter((t) => t.camera !== null);
  v.linePeak = watched.length ? Math.max(...watched.map((t) => t.peak)) : null;
  v.queueMin = watched.length
    ? watched.reduce((s, t) => s + t.episodes.reduce((a, e) => a + (e.to - e.from), 0), 0) / 60_000
    : null;
  v.loopForward = num(kpis.loop.forward);
  v.loopFollowing = num(kpis.loop.following);
  v.loopAlignment = num(kpis.loop.alignment);
  v.collisionQ = num(kpis.collision.q);
  v['truth:visits'] = truth.visits;
  v['truth:meanVisitMin'] = num(truth.meanVisitMs / 60_000);
  v['truth:medianVisitMin'] = num(truth.medianVisitMs / 60_000);
  v['truth:meanWaitS'] = num(truth.meanWaitMs / 1000);
  v['truth:linePeak'] = truth.queues.length
    ? Math.max(...truth.queues.map((q) => q.perSecond.reduce((m, x) => Math.max(m, x), 0)))
    : null;
  v['truth:following'] = num(truth.following);
  v['truth:gaveUp'] = summary.stuck;
  v['truth:effectiveGroups'] = num(summary.effectiveGroups);
  if (occupancy && occupancy.classes > 0) {
    // The privacy lab's group occupancy on this run's release, scored against who was really seen.
    v['truth:kMean'] = num(occupancy.k.mean);
    v['truth:prosecutorRisk'] = num(occupancy.prosecutor.average);
    v['truth:recordsAtRisk'] = num(occupancy.prosecutor.recordsAtRisk);
  }
  for (const i of kpis.interest) {
    if (i.kind === 'object') {
      v[`stoppers:${i.id}`] = num(i.stoppers);
      v[`attraction:${i.id}`] = num(i.attraction);
    } else v[`seen:${i.id}`] = num(i.passers);
  }
  return v;
}
