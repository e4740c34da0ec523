import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyticsSettings,
  collisionRate,
  eventTable,
  loopConformance,
  sightingTracks,
  transitions,
} from '../../engine/analytics/index.ts';
import type { SightingV1 } from '../../engine/events/index.ts';
import { seededRng } from '../../engine/privacy/index.ts';
import { MIN, personGroups, sighting, T0, testStore } from './fixtures.ts';

const store = testStore();
const settings = analyticsSettings();

/** People walking in → a → b → c → out, a share `back` of them going b → a → b on the way. */
function walkers(people: number, back: number, seed: number) {
  const rng = seededRng(seed);
  const events: SightingV1[] = [];
  for (let p = 0; p < people; p++) {
    let t = T0 + rng() * 90 * MIN;
    const group = personGroups(Math.floor(rng() * 256), 256, 0.5, rng);
    const route =
      rng() < back
        ? ['cam-in', 'cam-a', 'cam-b', 'cam-a', 'cam-b', 'cam-c', 'cam-out']
        : ['cam-in', 'cam-a', 'cam-b', 'cam-c', 'cam-out'];
    // In each zone a spell in view of 10–40 s (a sighting every 10 s), then 2–5 s to the next.
    for (const cam of route) {
      const stay = 10_000 + Math.floor(rng() * 4) * 10_000;
      for (let s = 0; s <= stay; s += 10_000) events.push(sighting(cam, t + s, group()));
      t += stay + 2_000 + rng() * 3_000;
    }
  }
  return events;
}

describe('zone transitions', () => {
  it('recover the moves through colliding groups', () => {
    const table = eventTable(walkers(1500, 0.3, 1), store, settings);
    const tracks = sightingTracks(table);
    const t = transitions(table, tracks, collisionRate(table), { replicates: 20 });
    const row = (z: string) => t.matrix[t.zones.indexOf(z)] as number[];
    const p = (a: string, b: string) => row(a)[t.zones.indexOf(b)] as number;
    // Within the window some next-but-one zones slip in (in → b, b → out): the matrix is of the
    // zones seen next within 20 s, which is what the cameras can tell.
    expect(p('in', 'a')).toBeGreaterThan(0.75);
    expect(p('in', 'b')).toBeLessThan(0.25);
    // From b: back to a (450 of 1950 moves) or on to c, the largest.
    expect(p('b', 'a')).toBeCloseTo(450 / 1950, 1);
    expect(p('b', 'c')).toBeGreaterThan(0.55);
    expect(p('b', 'out')).toBeLessThan(0.2);
    for (const r of t.matrix) if (r) expect(r.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
  });

  it('rows of any released matrix are distributions (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 20, max: 200 }), (seed, n) => {
        const table = eventTable(walkers(n, 0.5, seed), store, settings);
        const t = transitions(table, sightingTracks(table), collisionRate(table), { replicates: 5 });
        for (const r of t.matrix) {
          if (!r) continue;
          expect(r.every((x) => x >= 0 && x <= 1)).toBe(true);
          expect(r.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('loop conformance', () => {
  const zones = ['in', 'a', 'b', 'c', 'out'];
  const chain = (rows: Record<string, Record<string, number>>) =>
    zones.map((z) => (rows[z] ? zones.map((b) => rows[z]?.[b] ?? 0) : null));

  it('is perfect for a walk that follows the loop', () => {
    const m = chain({ in: { a: 1 }, a: { b: 1 }, b: { c: 1 }, c: { out: 1 } });
    const l = loopConformance(zones, m, [1, 1, 1, 1, 0], zones);
    expect(l.following).toBe(1);
    expect(l.forward).toBe(1);
    expect(l.nextInLoop).toBe(1);
    expect(l.reversed).toBe(0);
    expect(l.alignment).toBe(1);
    expect(Object.values(l.skipped).every((x) => x === 0)).toBe(true);
  });

  it('counts skipped and reversed zones', () => {
    // Half skip a; from b a quarter go back to a.
    const m = chain({ in: { a: 0.5, b: 0.5 }, a: { b: 1 }, b: { a: 0.25, c: 0.75 }, c: { out: 1 } });
    const l = loopConformance(zones, m, [1, 1, 1, 1, 0], zones);
    expect(l.following).toBeCloseTo(0.75, 9);
    expect(l.reversedFrom.b).toBeCloseTo(0.25, 9);
    expect(l.skipped.a).toBeGreaterThan(0.3);
    expect(l.skipped.a).toBeLessThan(0.5);
    expect(l.skipped.c).toBeCloseTo(0, 9);
    expect(l.alignment).toBeLessThan(1);
  });
});
