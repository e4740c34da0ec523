import { DateTime } from 'luxon';
import { VarvError } from '../errors.ts';

export const intervalNames = ['morning', 'lunch', 'afternoon'] as const;
export type IntervalName = (typeof intervalNames)[number];

/** Where a moment falls in the store's day. */
export type DayPosition = {
  interval: IntervalName;
  /** The local day the interval belongs to, as days since 1970-01-01 (local calendar). */
  day: number;
  /** The same day as "YYYY-MM-DD". */
  date: string;
  /** The interval's bounds, epoch ms: [start, end). */
  start: number;
  end: number;
};

/** The default boundaries: morning from 06:00, lunch from 11:00, afternoon from 14:00. */
export const DEFAULT_BOUNDARIES = ['06:00', '11:00', '14:00'] as const;

/**
 * The three day intervals of a store, in its own time zone. Morning runs from the first boundary
 * to the second, lunch to the third, and afternoon until the next morning (so a visit after
 * midnight still belongs to the day before). Boundaries are wall-clock times, so the intervals
 * follow daylight-saving changes: on a short or long day the afternoon is an hour shorter or
 * longer, and a boundary that falls in a skipped hour moves forward by the length of the gap
 * (02:30 on a spring-forward night becomes 03:30, as Luxon resolves it).
 */
export class DayIntervals {
  private readonly minutes: readonly [number, number, number];
  private cached: DayPosition | undefined;

  constructor(
    readonly timezone: string,
    boundaries: readonly [string, string, string] = DEFAULT_BOUNDARIES,
  ) {
    if (!DateTime.local().setZone(timezone).isValid)
      throw new VarvError('E_CONFIG', `unknown time zone "${timezone}"`);
    const m = boundaries.map(parseHhmm) as [number, number, number];
    if (!(m[0] < m[1] && m[1] < m[2])) {
      throw new VarvError(
        'E_CONFIG',
        `interval boundaries must increase within the day, got ${boundaries.join(', ')}`,
      );
    }
    this.minutes = m;
  }

  /** The interval, local day and bounds of an instant (epoch ms). Cached: consecutive calls are O(1). */
  at(t: number): DayPosition {
    const c = this.cached;
    if (c && t >= c.start && t < c.end) return c;
    const local = DateTime.fromMillis(t, { zone: this.timezone });
    // Try the local day and the day before (times before the first boundary are its afternoon).
    for (const dayStart of [local.startOf('day'), local.startOf('day').minus({ days: 1 })]) {
      const b = this.minutes.map((min) => boundaryOn(dayStart, min));
      const next = boundaryOn(dayStart.plus({ days: 1 }), this.minutes[0]);
      const edges = [...b, next];
      for (let i = 0; i < 3; i++) {
        const start = edges[i] as number;
        const end = edges[i + 1] as number;
        if (t >= start && t < end) {
          const date = dayStart.toISODate() as string;
          this.cached = {
            interval: intervalNames[i] as IntervalName,
            day: localDayNumber(date),
            date,
            start,
            end,
          };
          return this.cached;
        }
      }
    }
    throw new VarvError(
      'E_INTERNAL',
      `no interval contains ${new Date(t).toISOString()} in ${this.timezone}`,
    );
  }
}

function parseHhmm(s: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (!m) throw new VarvError('E_CONFIG', `expected a time of day "HH:MM", got "${s}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Epoch ms of a wall-clock time on a local day; a time in a skipped hour moves past the gap. */
function boundaryOn(dayStart: DateTime, minutes: number): number {
  return dayStart.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" calendar date. */
export function localDayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y as number, (m as number) - 1, d as number) / 86_400_000);
}
