import { bisector } from 'd3-array';
import type { EventTable } from './eventTable.ts';

/** People inside over time, from door counts (in − out), per day. */
export type Occupancy = {
  /** Occupancy just after each count event: [epoch ms, people]. Never negative. */
  steps: [number, number][];
  /** The most people inside at once, and when. */
  peak: { n: number; t: number };
  /** Time-integral of the occupancy (person-ms). */
  personMs: number;
  /** People in. */
  visits: number;
  /** Time between each day's first and last count, summed (ms): the open hours seen. */
  openMs: number;
  /**
   * Mean visit length (ms) by Little's law, L = λW over a whole day: the time-integral of the
   * occupancy divided by the visits (exact when every visit starts and ends inside the days
   * counted); null without visits.
   */
  meanVisitMs: number | null;
};

/**
 * Occupancy from the counting lines: a running in − out per store day, starting empty each day.
 * It is clamped at zero (a counter that misses people coming in must not make a negative crowd).
 */
export function occupancy(table: EventTable): Occupancy {
  const c = table.counts;
  const steps: [number, number][] = [];
  let inside = 0;
  let day = Number.NaN;
  let last = 0;
  let personMs = 0;
  let visits = 0;
  let peak = { n: 0, t: c.length ? (c.t[0] as number) : 0 };
  let openMs = 0;
  let dayFirst = 0;
  for (let i = 0; i < c.length; i++) {
    const t = c.t[i] as number;
    if (c.day[i] !== day) {
      if (i > 0) openMs += last - dayFirst;
      day = c.day[i] as number;
      inside = 0;
      last = t;
      dayFirst = t;
    }
    personMs += inside * (t - last);
    last = t;
    const n = c.n[i] as number;
    if (c.direction[i] === 1) visits += n;
    inside = Math.max(0, inside + (c.direction[i] as number) * n);
    steps.push([t, inside]);
    if (inside > peak.n) peak = { n: inside, t };
  }
  if (c.length) openMs += last - dayFirst;
  return { steps, peak, personMs, visits, openMs, meanVisitMs: visits > 0 ? personMs / visits : null };
}

/** Occupancy at time t from the steps (the last step at or before t; 0 before the first). */
export function occupancyAt(o: Occupancy, t: number): number {
  const i = byTime.right(o.steps, t);
  return i === 0 ? 0 : (o.steps[i - 1] as [number, number])[1];
}

const byTime = bisector((step: [number, number]) => step[0]);
