import { describe, expect, it } from 'vitest';
import { trajectoryUnicity, visitRecords } from '../../../engine/privacy/risk/index.ts';
import { handTable } from './table.ts';

describe('trajectory unicity (de Montjoye et al. 2013)', () => {
  // Visit 0: dairy at 10:00, bakery at 10:10. Visit 1: dairy at 10:01 (the same 5-minute bucket),
  // tills at 10:20. Visit 2: dairy at 10:02 only.
  const { table, visitOf } = handTable([
    [0, 0, 0, 1, 600, 'dairy'],
    [0, 0, 0, 1, 610, 'bakery'],
    [1, 0, 0, 2, 601, 'dairy'],
    [1, 0, 0, 2, 620, 'tills'],
    [2, 0, 0, 3, 602, 'dairy'],
  ]);
  const v = visitRecords(table, visitOf);
  const u = trajectoryUnicity(v, { seed: 1, points: [1, 2, 3] });

  it('finds a visit from two of its points when no other visit has both', () => {
    expect(u.byPoints[1]).toMatchObject({ p: 2, unique: { n: 2, successes: 2 } });
  });

  it('counts a point shared with other visits as not unique', () => {
    // One point: visit 2's only point (dairy 10:00–10:05) is shared by all three; visits 0 and 1
    // are unique only when their other point is drawn.
    const one = u.byPoints[0]?.unique;
    expect(one?.n).toBe(3);
    expect(one?.successes).toBeLessThanOrEqual(2);
  });

  it('has no targets for more points than any visit holds', () => {
    expect(u.byPoints[2]?.unique.n).toBe(0);
    expect(u.bucketMs).toBe(300_000);
  });
});
