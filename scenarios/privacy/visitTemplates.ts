import { DateTime } from 'luxon';
import type { LabRelease } from './labRelease.ts';

/**
 * How visits were seen, without who: per simulated visit, when it began (seconds after local
 * midnight) and each of its sightings as (ms after the visit began, zone). A synthetic release
 * replays these paths with other people's faces.
 */
export type VisitTemplates = {
  store: string;
  /** Sorted by `startS`. */
  visits: { startS: number; dt: Float64Array; zone: string[] }[];
};

/** The templates of one store's visits in a (simulated) release; visits no camera saw are kept (they yield nothing). */
export function visitTemplates(release: LabRelease, store: string, timezone: string): VisitTemplates {
  const t = release.table;
  const bySight = new Map<number, number[]>();
  for (let i = 0; i < t.length; i++) {
    const v = release.visitOf[i] as number;
    const list = bySight.get(v);
    if (list) list.push(i);
    else bySight.set(v, [i]);
  }
  const visits: VisitTemplates['visits'] = [];
  for (let v = 0; v < release.visits.length; v++) {
    if (release.visits.store[v] !== store) continue;
    const entered = release.visits.entered[v] as number;
    const local = DateTime.fromMillis(entered, { zone: timezone });
    const rows = (bySight.get(v) ?? []).sort((a, b) => (t.t[a] as number) - (t.t[b] as number));
    visits.push({
      startS: local.hour * 3600 + local.minute * 60 + local.second,
      dt: Float64Array.from(rows, (i) => (t.t[i] as number) - entered),
      zone: rows.map((i) => t.zones[t.zone[i] as number] as string),
    });
  }
  visits.sort((a, b) => a.startS - b.startS);
  return { store, visits };
}
