import { type Released, release } from '../privacy/index.ts';
import type { EventTable } from './eventTable.ts';

export type VisitCell = { day: number; interval: number | null; from: number; visits: Released<number> };

/** Visits counted at the doors (people in), per day, per day interval and per time bin. */
export type Visits = {
  /** All visits in the events; door counts carry no identity, so this is exact up to the counter's own error. */
  total: Released<number>;
  byDay: VisitCell[];
  byInterval: VisitCell[];
  /** People in per bin of `binMs`, from the bin's start (epoch ms). */
  series: { from: number; visits: Released<number> }[];
};

/**
 * Visits from the entrance counting lines: the sum of `in` counts. A door count holds no group
 * IDs; its k-threshold is applied to the number of people it counts (a cell of fewer than k
 * people is suppressed).
 */
export function visits(table: EventTable, opts: { binMs?: number } = {}): Visits {
  const binMs = opts.binMs ?? 3_600_000;
  const c = table.counts;
  const k = table.settings.k;
  const cell = (n: number) => release({ value: n, groups: n }, k);
  let total = 0;
  const byDay = new Map<number, number>();
  const byInterval = new Map<number, number>();
  const series = new Map<number, number>();
  for (let i = 0; i < c.length; i++) {
    if (c.direction[i] !== 1) continue;
    const n = c.n[i] as number;
    total += n;
    const day = c.day[i] as number;
    byDay.set(day, (byDay.get(day) ?? 0) + n);
    const key = day * 3 + (c.interval[i] as number);
    byInterval.set(key, (byInterval.get(key) ?? 0) + n);
    // A count covers the minute before its time stamp: put it in the bin of that minute.
    const bin = Math.floor(((c.t[i] as number) - 1) / binMs) * binMs;
    series.set(bin, (series.get(bin) ?? 0) + n);
  }
  const dayStart = (day: number) => table.intervalStart.get(day * 3) ?? day * 86_400_000;
  return {
    total: cell(total),
    byDay: [...byDay].map(([day, n]) => ({ day, interval: null, from: dayStart(day), visits: cell(n) })),
    byInterval: [...byInterval].map(([key, n]) => {
      const day = Math.floor(key / 3);
      return {
        day,
        interval: key - day * 3,
        from: table.intervalStart.get(key) as number,
        visits: cell(n),
      };
    }),
    series: [...series].sort((a, b) => a[0] - b[0]).map(([from, n]) => ({ from, visits: cell(n) })),
  };
}
