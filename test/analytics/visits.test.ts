import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyticsSettings,
  eventTable,
  occupancy,
  occupancyAt,
  visits,
} from '../../engine/analytics/index.ts';
import { count, MIN, T0, testStore } from './fixtures.ts';

const store = testStore();
const settings = analyticsSettings();

describe('visits and occupancy from door counts', () => {
  it('counts people in, per day, interval and hour, and the occupancy in between', () => {
    const events = [count('in', 6, T0 + MIN), count('in', 4, T0 + 2 * MIN), count('out', 3, T0 + 5 * MIN)];
    const table = eventTable(events, store, settings);
    const v = visits(table);
    expect(v.total).toEqual({ value: 10, suppressed: false });
    expect(v.byDay).toHaveLength(1);
    expect(v.byInterval[0]?.visits.value).toBe(10);
    const o = occupancy(table);
    expect(o.peak.n).toBe(10);
    expect(occupancyAt(o, T0 + 3 * MIN)).toBe(10);
    expect(occupancyAt(o, T0 + 6 * MIN)).toBe(7);
    expect(occupancyAt(o, T0)).toBe(0);
  });

  it("gives the mean visit by Little's law: the occupancy's time-integral over the visits", () => {
    // Two people in at 0, one out at 10 min and one at 20 min: mean visit 15 min.
    const table = eventTable(
      [count('in', 2, T0), count('out', 1, T0 + 10 * MIN), count('out', 1, T0 + 20 * MIN)],
      store,
      settings,
    );
    expect(occupancy(table).meanVisitMs).toBe(15 * MIN);
  });

  it('suppresses a cell of fewer than k people', () => {
    const table = eventTable([count('in', 3, T0 + MIN)], store, settings);
    expect(visits(table).total).toEqual({ value: null, suppressed: true });
  });

  it('never has a negative occupancy, and never releases a cell of fewer than k (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 600 })), {
          maxLength: 60,
        }),
        (rows) => {
          const table = eventTable(
            rows.map(([inward, n, m]) => count(inward ? 'in' : 'out', n, T0 + m * MIN)),
            store,
            settings,
          );
          const o = occupancy(table);
          expect(o.steps.every(([, n]) => n >= 0)).toBe(true);
          const v = visits(table);
          for (const c of [v.total, ...v.byDay.map((d) => d.visits), ...v.series.map((s) => s.visits)])
            if (!c.suppressed) expect(c.value).toBeGreaterThanOrEqual(settings.k);
        },
      ),
      { numRuns: 100 },
    );
  });
});
