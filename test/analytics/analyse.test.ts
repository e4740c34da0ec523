import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse, analyticsSettings, compareStores } from '../../engine/analytics/index.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { area } from '../../engine/layout/index.ts';
import { EpsilonLedger, seededRng } from '../../engine/privacy/index.ts';
import { count, MIN, sighting, T0, testStore } from './fixtures.ts';

const store = testStore();
const cams = ['cam-in', 'cam-a', 'cam-b', 'cam-c', 'cam-line', 'cam-display', 'cam-out'];

describe('all KPIs in one pass', () => {
  it('release nothing built from sightings when all the events hold fewer than k groups (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 6 })), {
          maxLength: 80,
        }),
        fc.integer({ min: 1, max: 4 }),
        (rows, groups) => {
          const events: (SightingV1 | CountV1)[] = rows.map(([s, c], i) =>
            sighting(cams[c] as string, T0 + s * 10_000, i % groups, { gender: 'man', age: '18-29' }),
          );
          const k = analyse(events, store, analyticsSettings(), { replicates: 5 });
          expect(k.duration.medianMs).toBeNull();
          expect(k.returns.frequency).toBeNull();
          expect(k.queues.meanWaitMs).toBeNull();
          for (const t of k.queues.tills) expect(t.series.every((c) => c.length.suppressed)).toBe(true);
          expect(k.queues.total.every((c) => c.length.suppressed)).toBe(true);
          expect(k.transitions.matrix.every((r) => r === null)).toBe(true);
          expect(k.demographics.every((c) => c.gender === null && c.age === null)).toBe(true);
          expect(k.interest.every((i) => i.passers === null)).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('compares stores per visitor and per m², with noisy counts charged to the ledger', () => {
    const events: (SightingV1 | CountV1)[] = [count('in', 300, T0 + MIN), count('out', 300, T0 + 20 * MIN)];
    const kpis = analyse(events, store, analyticsSettings(), { replicates: 5 });
    const [row] = compareStores([{ store, kpis }]);
    expect(row?.visits).toBe(300);
    expect(row?.visitsPerM2PerDay).toBeCloseTo(300 / area(store.outline), 9);
    expect(row?.occupancyPer100M2).toBeCloseTo((300 / area(store.outline)) * 100, 6);
    const ledger = new EpsilonLedger(1);
    const [noisy] = compareStores([{ store, kpis }], { epsilon: 0.5, rng: seededRng(1), ledger });
    expect(ledger.spent).toBe(0.5);
    expect(Number.isInteger(noisy?.visits)).toBe(true);
  });
});
