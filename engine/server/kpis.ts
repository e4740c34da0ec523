import type { CountV1 } from '../events/index.ts';

/** KPIs over a time range, from door counts (exact) and sightings (aggregated only). */
export type RangeKpis = {
  store: string;
  from: number;
  to: number;
  /** People who came in during the range. */
  visits: number;
  /** Inside at the end of the range (in − out since the first event given). */
  visitorsNow: number;
  /** Mean visit length (min) by Little's law: time-integral of the occupancy ÷ visits; null without visits. */
  meanVisitMin: number | null;
  /** The most people inside at once, and when. */
  peak: { n: number; t: number };
  sightings: number;
};

/**
 * KPIs of one store over [from, to) from its door counts in time order and the number of
 * sightings in the range. `counts` may start before `from` (the day's earlier counts make the
 * occupancy right); only those before `to` are read.
 */
export function rangeKpis(
  store: string,
  counts: readonly CountV1[],
  from: number,
  to: number,
  sightings: number,
): RangeKpis {
  let inside = 0;
  let visits = 0;
  let area = 0;
  let last = from;
  let peak = { n: 0, t: from };
  for (const e of counts) {
    if (e.t >= to) break;
    if (e.t >= from) {
      area += inside * (e.t - last);
      last = e.t;
    }
    inside = Math.max(0, inside + (e.direction === 'in' ? e.n : -e.n));
    if (e.t >= from) {
      if (e.direction === 'in') visits += e.n;
      if (inside > peak.n) peak = { n: inside, t: e.t };
    }
  }
  area += inside * (to - Math.max(last, from));
  return {
    store,
    from,
    to,
    visits,
    visitorsNow: inside,
    meanVisitMin: visits > 0 ? area / visits / 60_000 : null,
    peak,
    sightings,
  };
}
