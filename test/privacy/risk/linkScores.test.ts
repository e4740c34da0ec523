import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inScope,
  linkScopes,
  linkScores,
  pairsInScope,
  personIndex,
} from '../../../engine/privacy/risk/index.ts';
import { fixture } from './fixtures.ts';

describe('link scores', () => {
  it('counts the pairs of a scope as enumerating them would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 99 }),
        (persons, days, seed) => {
          const f = fixture({
            persons,
            days,
            visitProb: 0.5,
            sightingsPerVisit: 2,
            group: (p) => p % 7,
            stores: 2,
            epoch: (d) => d >> 1,
            seed,
          });
          const v = f.records;
          for (const scope of linkScopes) {
            let brute = 0;
            for (let a = 0; a < v.length; a++)
              for (let b = a + 1; b < v.length; b++) if (inScope(v, a, b, scope)) brute++;
            expect(pairsInScope(v, scope)).toBe(brute);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('scores every mated pair, draws non-mated pairs of two people, and states the prior odds', () => {
    const f = fixture({
      persons: 60,
      days: 5,
      visitProb: 0.6,
      sightingsPerVisit: 3,
      group: (p) => p,
      seed: 2,
    });
    const people = personIndex(f.records, f.identities);
    const s = linkScores(f.records, people, 'interval', { seed: 1, nonMated: 500 });
    expect(s.mated.length).toBe(s.pairs.mated);
    // Stable IDs: mated pairs agree fully, two people never.
    expect(Array.from(s.mated).every((x) => x === 1)).toBe(true);
    expect(s.nonMated.length).toBe(500);
    expect(Array.from(s.nonMated).every((x) => x === 0)).toBe(true);
    expect(s.omega).toBeCloseTo(s.pairs.mated / (s.pairs.all - s.pairs.mated), 12);
  });
});
