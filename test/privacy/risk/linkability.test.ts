import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inScope,
  linkability,
  linkPicks,
  linkPicksNaive,
  linkScopes,
  linkTargets,
  personIndex,
} from '../../../engine/privacy/risk/index.ts';
import { fixture } from './fixtures.ts';

/** Groups from a small space: person-stable with probability `keep`, else random (a noisy ID). */
const noisy =
  (groups: number, keep: number) => (p: number, _d: number, i: number, s: number, rng: () => number) =>
    rng() < keep ? (p * 7 + i * 13 + s * 31) % groups : Math.floor(rng() * groups);

describe('linkability', () => {
  it('picks exactly what the naive all-pairs attack picks, in every scope', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 60 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 4, max: 64 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (persons, days, groups, keep, seed) => {
          const f = fixture({
            persons,
            days,
            visitProb: 0.5,
            sightingsPerVisit: 5,
            group: noisy(groups, keep),
            stores: 2,
            epoch: (d) => d >> 1,
            attrAccuracy: 0.8,
            seed,
          });
          const people = personIndex(f.records, f.identities);
          for (const scope of linkScopes) {
            const t = linkTargets(f.records, people, scope, 50, seed);
            expect(linkPicks(f.records, t, seed)).toEqual(linkPicksNaive(f.records, t, seed));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('draws targets among all pairs of one person’s visits in the scope, and counts them', () => {
    const f = fixture({
      persons: 50,
      days: 6,
      visitProb: 0.5,
      sightingsPerVisit: 4,
      group: noisy(32, 0.5),
      stores: 2,
      epoch: (d) => d >> 1,
      seed: 5,
    });
    const v = f.records;
    const people = personIndex(v, f.identities);
    for (const scope of linkScopes) {
      let brute = 0;
      for (let a = 0; a < v.length; a++)
        for (let b = 0; b < v.length; b++)
          if (people.of[a] === people.of[b] && inScope(v, a, b, scope)) brute++;
      const t = linkTargets(v, people, scope, 40, 1);
      expect(t.mated).toBe(brute);
      expect(t.from.length).toBe(Math.min(40, brute));
      for (let k = 0; k < t.from.length; k++) {
        expect(people.of[t.from[k] as number]).toBe(people.of[t.to[k] as number]);
        expect(inScope(v, t.from[k] as number, t.to[k] as number, scope)).toBe(true);
      }
    }
  });

  it('reports the attack, control and baseline rates with their counts and the seed', () => {
    const f = fixture({
      persons: 200,
      days: 7,
      visitProb: 0.4,
      sightingsPerVisit: 6,
      group: noisy(64, 0.9),
      seed: 2,
    });
    const r = linkability(f.records, f.identities, { scope: 'interval', seed: 9, targets: 300 });
    expect(r.attacks).toBe(300);
    expect(r.attack.n).toBe(300);
    expect(r.control.n).toBe(300);
    expect(r.baseline.n).toBe(300);
    expect(r.seed).toBe(9);
    // Groups that keep the person 9 times in 10 link well; a random pick among ~25 visits does not.
    expect(r.attack.p).toBeGreaterThan(0.6);
    expect(r.baseline.p).toBeLessThan(0.15);
    expect(r.risk).toBeGreaterThan(0.5);
    expect(r.lo).toBeLessThanOrEqual(r.risk);
    expect(r.hi).toBeGreaterThanOrEqual(r.risk);
  });
});
