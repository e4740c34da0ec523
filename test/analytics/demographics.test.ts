import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyticsSettings,
  demographics,
  eventTable,
  sightingTracks,
  unconfuseAge,
} from '../../engine/analytics/index.ts';
import type { SightingV1 } from '../../engine/events/index.ts';
import { seededRng } from '../../engine/privacy/index.ts';
import { MIN, sighting, spell, T0, testStore } from './fixtures.ts';

const store = testStore();
const bands = ['0-17', '18-29', '30-44', '45-64', '65+'] as const;

/** The classifier's confusion: right band with P = a, else a neighbouring band. */
function confuse(p: readonly number[], a: number): number[] {
  const out = new Array(p.length).fill(0);
  p.forEach((x, t) => {
    out[t] += a * x;
    const nbrs = [t - 1, t + 1].filter((o) => o >= 0 && o < p.length);
    for (const o of nbrs) out[o] += ((1 - a) * x) / nbrs.length;
  });
  return out;
}

describe('demographics per zone and interval', () => {
  it('undo the age classifier’s confusion (property: confuse, then unconfuse, gives back the shares)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.double({ min: 0.6, max: 0.99, noNaN: true }),
        (raw, a) => {
          const sum = raw.reduce((x, y) => x + y, 0);
          const p = raw.map((x) => x / sum);
          const back = unconfuseAge(confuse(p, a), a);
          for (let i = 0; i < p.length; i++) expect(back[i]).toBeCloseTo(p[i] as number, 6);
        },
      ),
    );
  });

  it('count one vote per spell in view and correct the gender classifier', () => {
    const rng = seededRng(2);
    const events: SightingV1[] = [];
    // 400 people in zone a: 70% women, classified right 90% of the time, each in view 30 s.
    for (let p = 0; p < 400; p++) {
      const woman = rng() < 0.7;
      const seen = rng() < 0.9 ? woman : !woman;
      const age = bands[Math.floor(rng() * 5)] as (typeof bands)[number];
      events.push(
        ...spell('cam-a', T0 + p * 10_300, 30_000, () => p % 200, 10_000, {
          gender: seen ? 'woman' : 'man',
          age,
        }),
      );
    }
    const settings = analyticsSettings(undefined, { attributeAccuracy: { gender: 0.9, age: 0.8 } });
    const table = eventTable(events, store, settings);
    const cells = demographics(table, sightingTracks(table));
    const a = cells.find((c) => c.zone === 'a' && c.interval === 'morning');
    expect(a?.seen).toBe(400);
    expect(a?.gender?.woman).toBeGreaterThan(0.63);
    expect(a?.gender?.woman).toBeLessThan(0.77);
  });

  it('release no cell built from fewer than k groups (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.constantFrom('cam-a', 'cam-b', 'cam-in')), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 4 }),
        (rows, groups) => {
          const events = rows.map(([m, cam], i) =>
            sighting(cam, T0 + m * MIN, i % groups, { gender: 'woman', age: '30-44' }),
          );
          const table = eventTable(events, store, analyticsSettings());
          for (const c of demographics(table, sightingTracks(table))) {
            expect(c.gender).toBeNull();
            expect(c.age).toBeNull();
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
