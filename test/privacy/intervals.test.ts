import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  DayIntervals,
  DEFAULT_BOUNDARIES,
  type IntervalName,
  intervalNames,
  localDayNumber,
} from '../../engine/privacy/intervals.ts';
import { thrown } from '../thrown.ts';

const HOUR = 3_600_000;
const STOCKHOLM = 'Europe/Stockholm';
const NEW_YORK = 'America/New_York';

/** Epoch ms of a local wall-clock time ("2026-06-10T07:30") in a zone. */
function local(iso: string, zone: string): number {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${iso} in ${zone}`);
  return dt.toMillis();
}

const nextName: Record<IntervalName, IntervalName> = {
  morning: 'lunch',
  lunch: 'afternoon',
  afternoon: 'morning',
};

describe('DayIntervals: the default day', () => {
  it('has boundaries at 06:00, 11:00 and 14:00 local time', () => {
    expect(DEFAULT_BOUNDARIES).toEqual(['06:00', '11:00', '14:00']);
    expect(intervalNames).toEqual(['morning', 'lunch', 'afternoon']);
    for (const zone of [STOCKHOLM, NEW_YORK]) {
      const d = new DayIntervals(zone);
      const morning = d.at(local('2026-06-10T08:00', zone));
      expect(morning).toMatchObject({ interval: 'morning', date: '2026-06-10' });
      expect(morning.start).toBe(local('2026-06-10T06:00', zone));
      expect(morning.end).toBe(local('2026-06-10T11:00', zone));
      const lunch = d.at(local('2026-06-10T12:00', zone));
      expect(lunch.start).toBe(local('2026-06-10T11:00', zone));
      expect(lunch.end).toBe(local('2026-06-10T14:00', zone));
      const afternoon = d.at(local('2026-06-10T20:00', zone));
      expect(afternoon.start).toBe(local('2026-06-10T14:00', zone));
      expect(afternoon.end).toBe(local('2026-06-11T06:00', zone));
    }
  });

  it.each([
    [STOCKHOLM, '2026-06-10T06:00', 'morning', '2026-06-10'],
    [STOCKHOLM, '2026-06-10T07:30', 'morning', '2026-06-10'],
    [STOCKHOLM, '2026-06-10T10:59:59.999', 'morning', '2026-06-10'],
    [STOCKHOLM, '2026-06-10T11:00', 'lunch', '2026-06-10'],
    [STOCKHOLM, '2026-06-10T12:15', 'lunch', '2026-06-10'],
    [STOCKHOLM, '2026-06-10T14:00', 'afternoon', '2026-06-10'],
    [STOCKHOLM, '2026-06-10T23:59', 'afternoon', '2026-06-10'],
    [STOCKHOLM, '2026-06-11T00:00', 'afternoon', '2026-06-10'],
    [STOCKHOLM, '2026-06-11T02:00', 'afternoon', '2026-06-10'],
    [STOCKHOLM, '2026-06-11T05:59:59.999', 'afternoon', '2026-06-10'],
    [NEW_YORK, '2026-01-01T03:00', 'afternoon', '2025-12-31'],
    [NEW_YORK, '2026-01-01T09:00', 'morning', '2026-01-01'],
    [NEW_YORK, '2026-03-01T13:59', 'lunch', '2026-03-01'],
    [NEW_YORK, '2026-03-01T05:00', 'afternoon', '2026-02-28'],
  ] as const)('%s %s is the %s of %s', (zone, iso, interval, date) => {
    const p = new DayIntervals(zone).at(local(iso, zone));
    expect(p.interval).toBe(interval);
    expect(p.date).toBe(date);
    expect(p.day).toBe(localDayNumber(date));
  });

  it('uses the store time zone, not UTC: one instant is lunch in New York and afternoon in Stockholm', () => {
    const t = Date.UTC(2026, 5, 10, 16, 0); // 12:00 in New York, 18:00 in Stockholm
    expect(new DayIntervals(NEW_YORK).at(t).interval).toBe('lunch');
    expect(new DayIntervals(STOCKHOLM).at(t).interval).toBe('afternoon');
    // 03:00 UTC: 23:00 of the day before in New York, 05:00 in Stockholm; both are afternoons of 9 June.
    const night = Date.UTC(2026, 5, 10, 3, 0);
    expect(new DayIntervals(NEW_YORK).at(night).date).toBe('2026-06-09');
    expect(new DayIntervals(STOCKHOLM).at(night).date).toBe('2026-06-09');
  });

  it('follows configured boundaries', () => {
    const d = new DayIntervals(STOCKHOLM, ['08:30', '12:00', '15:45']);
    expect(d.at(local('2026-06-10T08:29', STOCKHOLM))).toMatchObject({
      interval: 'afternoon',
      date: '2026-06-09',
    });
    expect(d.at(local('2026-06-10T08:30', STOCKHOLM)).interval).toBe('morning');
    expect(d.at(local('2026-06-10T11:59', STOCKHOLM)).interval).toBe('morning');
    expect(d.at(local('2026-06-10T12:00', STOCKHOLM)).interval).toBe('lunch');
    expect(d.at(local('2026-06-10T15:44', STOCKHOLM)).interval).toBe('lunch');
    expect(d.at(local('2026-06-10T15:45', STOCKHOLM)).interval).toBe('afternoon');
  });

  it('gives the same answer from its cache as a fresh instance, whatever order it is asked in', () => {
    const cached = new DayIntervals(STOCKHOLM);
    const ts = [
      local('2026-06-10T12:00', STOCKHOLM),
      local('2026-06-10T12:30', STOCKHOLM),
      local('2026-06-10T10:00', STOCKHOLM),
      local('2026-06-10T14:00', STOCKHOLM),
      local('2026-06-10T13:59:59.999', STOCKHOLM),
    ];
    for (const t of ts) expect(cached.at(t)).toEqual(new DayIntervals(STOCKHOLM).at(t));
  });
});

describe('DayIntervals: daylight saving time', () => {
  const length = (d: DayIntervals, iso: string, zone: string) => {
    const p = d.at(local(iso, zone));
    return (p.end - p.start) / HOUR;
  };

  it('a normal afternoon lasts 16 h, morning 5 h, lunch 3 h', () => {
    const d = new DayIntervals(STOCKHOLM);
    expect(length(d, '2026-06-10T20:00', STOCKHOLM)).toBe(16);
    expect(length(d, '2026-06-10T07:00', STOCKHOLM)).toBe(5);
    expect(length(d, '2026-06-10T12:00', STOCKHOLM)).toBe(3);
  });

  it('Stockholm, 29 March 2026 (spring forward): the afternoon over that night lasts 15 h', () => {
    const d = new DayIntervals(STOCKHOLM);
    expect(length(d, '2026-03-28T20:00', STOCKHOLM)).toBe(15);
    // 01:30 UTC is 03:30 CEST, just after the jump; still the afternoon of the 28th.
    expect(d.at(Date.UTC(2026, 2, 29, 1, 30))).toMatchObject({ interval: 'afternoon', date: '2026-03-28' });
    expect(length(d, '2026-03-29T07:00', STOCKHOLM)).toBe(5);
    expect(length(d, '2026-03-29T12:00', STOCKHOLM)).toBe(3);
    expect(length(d, '2026-03-29T20:00', STOCKHOLM)).toBe(16);
  });

  it('Stockholm, 25 October 2026 (fall back): the afternoon over that night lasts 17 h', () => {
    const d = new DayIntervals(STOCKHOLM);
    expect(length(d, '2026-10-24T20:00', STOCKHOLM)).toBe(17);
    // Both 02:30s of that night (00:30 UTC in CEST, 01:30 UTC in CET) are the afternoon of the 24th.
    for (const t of [Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 25, 1, 30)])
      expect(d.at(t)).toMatchObject({ interval: 'afternoon', date: '2026-10-24' });
    expect(length(d, '2026-10-25T07:00', STOCKHOLM)).toBe(5);
    expect(length(d, '2026-10-25T20:00', STOCKHOLM)).toBe(16);
  });

  it('New York, 8 March and 1 November 2026: 15 h and 17 h afternoons', () => {
    const d = new DayIntervals(NEW_YORK);
    expect(length(d, '2026-03-07T20:00', NEW_YORK)).toBe(15);
    expect(length(d, '2026-10-31T20:00', NEW_YORK)).toBe(17);
    expect(length(d, '2026-07-04T20:00', NEW_YORK)).toBe(16);
  });

  it('a boundary inside the skipped hour (02:30 on 29 March) moves past the gap and time still tiles', () => {
    const d = new DayIntervals(STOCKHOLM, ['02:30', '11:00', '14:00']);
    const morning = d.at(local('2026-03-29T08:00', STOCKHOLM));
    expect(morning).toMatchObject({ interval: 'morning', date: '2026-03-29' });
    // The gap is 02:00–03:00 local (01:00 UTC); the morning starts after it, by at most the gap.
    expect(morning.start).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 29, 1, 0));
    expect(morning.start).toBeLessThanOrEqual(Date.UTC(2026, 2, 29, 1, 30));
    // Every minute from the 28th to the 30th has an interval; consecutive intervals meet exactly.
    let p = d.at(local('2026-03-28T03:00', STOCKHOLM));
    const last = local('2026-03-31T00:00', STOCKHOLM);
    for (let t = p.start; t < last; t += 60_000) {
      const q = d.at(t);
      expect(q.start).toBeLessThanOrEqual(t);
      expect(q.end).toBeGreaterThan(t);
      if (q !== p && q.start !== p.start) {
        expect(q.start).toBe(p.end);
        expect(q.interval).toBe(nextName[p.interval]);
        p = q;
      }
    }
  });
});

describe('DayIntervals: a property over a year', () => {
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const boundariesArb = fc.oneof(
    fc.constant(DEFAULT_BOUNDARIES),
    fc.constant(['02:30', '11:00', '14:00'] as const),
    fc.constant(['00:00', '12:00', '23:59'] as const),
    fc
      .uniqueArray(fc.integer({ min: 0, max: 24 * 60 - 1 }), { minLength: 3, maxLength: 3 })
      .map((ms) => ms.sort((a, b) => a - b).map(hhmm) as [string, string, string]),
  );
  const yearStart = Date.UTC(2026, 0, 1);
  const yearEnd = Date.UTC(2027, 0, 1);
  // Half of the instants fall within 36 h of a 2026 DST change in Stockholm or New York.
  const changes = [
    Date.UTC(2026, 2, 29, 1),
    Date.UTC(2026, 9, 25, 1),
    Date.UTC(2026, 2, 8, 7),
    Date.UTC(2026, 10, 1, 6),
  ];
  const instantArb = fc.oneof(
    fc.integer({ min: yearStart, max: yearEnd - 1 }),
    fc
      .tuple(fc.constantFrom(...changes), fc.integer({ min: -36 * HOUR, max: 36 * HOUR }))
      .map(([c, dt]) => c + dt),
  );

  // Santiago changes its clocks at midnight and Lord Howe by half an hour: harder cases for the same rules.
  it('every instant lies in exactly one interval and intervals follow each other without gap or overlap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(STOCKHOLM, NEW_YORK, 'America/Santiago', 'Australia/Lord_Howe'),
        boundariesArb,
        instantArb,
        (zone, boundaries, t) => {
          const d = new DayIntervals(zone, boundaries);
          const p = d.at(t);
          expect(p.start).toBeLessThanOrEqual(t);
          expect(t).toBeLessThan(p.end);
          // The interval starting at `end` is the next one, and the one ending at `start` the previous.
          const next = d.at(p.end);
          expect(next.start).toBe(p.end);
          expect(next.interval).toBe(nextName[p.interval]);
          expect(next.day).toBe(p.interval === 'afternoon' ? p.day + 1 : p.day);
          const prev = d.at(p.start - 1);
          expect(prev.end).toBe(p.start);
          expect(nextName[prev.interval]).toBe(p.interval);
          // The day is the local calendar date the interval starts on.
          expect(DateTime.fromMillis(p.start, { zone }).toISODate()).toBe(p.date);
          expect(p.day).toBe(localDayNumber(p.date));
          // A fresh instance (no cache) agrees.
          expect(new DayIntervals(zone, boundaries).at(t)).toEqual(p);
          // No interval is empty, and none (not even an afternoon over a DST night) reaches 25 h.
          const len = (p.end - p.start) / HOUR;
          expect(len).toBeGreaterThan(0);
          expect(len).toBeLessThan(25);
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('DayIntervals: configuration errors', () => {
  it.each([
    [['11:00', '06:00', '14:00']],
    [['06:00', '06:00', '14:00']],
    [['06:00', '14:00', '11:00']],
  ] as const)('rejects boundaries that do not increase: %j', (b) => {
    const e = thrown(() => new DayIntervals(STOCKHOLM, b));
    expect(e.code).toBe('E_CONFIG');
    expect(e.message).toContain('increase');
  });

  it.each([
    [['6:00', '11:00', '14:00']],
    [['06:00', '11:00', '24:00']],
    [['06:00', '11:60', '14:00']],
    [['06:00', '11:00', 'noon']],
    [['06:00 ', '11:00', '14:00']],
    [['0600', '11:00', '14:00']],
    [['', '11:00', '14:00']],
  ] as const)('rejects a malformed boundary: %j', (b) => {
    expect(thrown(() => new DayIntervals(STOCKHOLM, b)).code).toBe('E_CONFIG');
  });

  it.each(['Europe/Atlantis', 'Mars/Olympus_Mons', 'not a zone'])(
    'rejects the unknown time zone %s',
    (zone) => {
      const e = thrown(() => new DayIntervals(zone));
      expect(e.code).toBe('E_CONFIG');
      expect(e.message).toContain(zone);
    },
  );
});

describe('localDayNumber', () => {
  it('counts days since 1970-01-01', () => {
    expect(localDayNumber('1970-01-01')).toBe(0);
    expect(localDayNumber('1970-01-02')).toBe(1);
    expect(localDayNumber('1969-12-31')).toBe(-1);
    expect(localDayNumber('2026-03-29')).toBe(20_541);
  });

  it('inverts the calendar date of a day number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (day) => {
        const date = DateTime.fromMillis(day * 86_400_000, { zone: 'utc' }).toISODate() as string;
        expect(localDayNumber(date)).toBe(day);
      }),
      { seed: 42 },
    );
  });
});
