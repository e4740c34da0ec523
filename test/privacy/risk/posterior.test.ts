import { describe, expect, it } from 'vitest';
import { personIndex, sameGroupPosterior, visitRecords } from '../../../engine/privacy/risk/index.ts';
import { handTable } from './table.ts';

describe('P(same person | same group)', () => {
  it('counts same-group pairs of visits on different days and how many are one person', () => {
    // Visits 0–3 share group 7 in the morning, all women 30–44: person A on days 0 and 1, B on day
    // 2, C on day 0. Visit 4 (group 7, a man) is in another cell; visit 5 in another group.
    const { table, visitOf } = handTable([
      [0, 0, 0, 7, 600],
      [1, 1, 0, 7, 600],
      [2, 2, 0, 7, 600],
      [3, 0, 0, 7, 610],
      [4, 1, 0, 7, 620, 'z', 'man'],
      [5, 1, 0, 8, 630],
    ]);
    const v = visitRecords(table, visitOf);
    const person = Int32Array.from([0, 0, 1, 2, 3, 4]);
    const post = sameGroupPosterior(v, personIndex(v, { person }));
    // Pairs on different days among visits 0–3: 6 − 1 (visits 0 and 3 share day 0) = 5; one is A's.
    expect(post.cells).toHaveLength(1);
    expect(post.cells[0]).toMatchObject({ store: 's', interval: 'morning', gender: 'woman', age: '30-44' });
    expect(post.cells[0]?.posterior).toMatchObject({ successes: 1, n: 5, p: 0.2 });
    expect(post.overall).toMatchObject({ successes: 1, n: 5 });
    expect(post.byInterval.map((b) => b.posterior.n)).toEqual([5, 0, 0]);
  });
});
