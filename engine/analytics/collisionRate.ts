import type { EventTable } from './eventTable.ts';

/** P(two sightings of two different people share a group), per interval and pooled. */
export type CollisionRate = {
  /** Pooled over intervals; `byInterval[i]` for morning, lunch, afternoon (NaN without pairs). */
  q: number;
  byInterval: [number, number, number];
  /** 1/q: how many groups people are really spread over. */
  effectiveGroups: number;
  /** Sighting pairs the estimate rests on. */
  pairs: number;
  /** Per interval: all such pairs, and those sharing each group (for bootstraps over groups). */
  allPairs: [number, number, number];
  sameByGroup: [Map<number, number>, Map<number, number>, Map<number, number>];
};

/**
 * The collision rate measured from the events themselves: sightings of the same day and interval
 * further apart than the longest plausible visit are of different people, so the share of such
 * pairs that share a group is P(same group | two people). It is usually well above 1/groups, since
 * the calibrated buckets do not fill the groups evenly; every background correction uses it.
 * O(n): one sweep per (day, interval) with running counts per group.
 */
export function collisionRate(table: EventTable): CollisionRate {
  const s = table.sightings;
  const gap = table.settings.maxVisitMs;
  const same = [0, 0, 0];
  const all = [0, 0, 0];
  // Sightings are in time order; walk each (day, interval) cell's sightings with a lagging pointer.
  const cells = new Map<number, number[]>();
  for (let i = 0; i < s.length; i++) {
    const key = (s.day[i] as number) * 3 + (s.interval[i] as number);
    let list = cells.get(key);
    if (!list) {
      list = [];
      cells.set(key, list);
    }
    list.push(i);
  }
  const perGroup = new Map<number, number>();
  const sameByGroup: CollisionRate['sameByGroup'] = [new Map(), new Map(), new Map()];
  for (const [key, list] of cells) {
    const iv = key - Math.floor(key / 3) * 3;
    perGroup.clear();
    let behind = 0;
    let lag = 0;
    for (const i of list) {
      const t = s.t[i] as number;
      while (lag < list.length && (s.t[list[lag] as number] as number) < t - gap) {
        const g = s.group[list[lag] as number] as number;
        perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
        behind++;
        lag++;
      }
      const g = s.group[i] as number;
      const hits = perGroup.get(g) ?? 0;
      if (hits) {
        same[iv] = (same[iv] as number) + hits;
        const byGroup = sameByGroup[iv] as Map<number, number>;
        byGroup.set(g, (byGroup.get(g) ?? 0) + hits);
      }
      all[iv] = (all[iv] as number) + behind;
    }
  }
  const pairs = all.reduce((a, b) => a + b, 0);
  const q = pairs > 0 ? same.reduce((a, b) => a + b, 0) / pairs : 1 / table.settings.groups;
  const byInterval = all.map((a, i) => (a > 0 ? (same[i] as number) / a : Number.NaN)) as [
    number,
    number,
    number,
  ];
  return {
    q,
    byInterval,
    effectiveGroups: 1 / q,
    pairs,
    allPairs: all as [number, number, number],
    sameByGroup,
  };
}

/** The collision rate for an interval, falling back to the pooled rate where it has no pairs. */
export function intervalRate(rate: CollisionRate, interval: number): number {
  const q = rate.byInterval[interval] as number;
  return Number.isFinite(q) && q > 0 ? q : rate.q;
}
