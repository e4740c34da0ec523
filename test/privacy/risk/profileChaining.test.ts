import { describe, expect, it } from 'vitest';
import { personIndex, profileChaining, visitRecords } from '../../../engine/privacy/risk/index.ts';
import { handTable } from './table.ts';

describe('cross-day profile chaining', () => {
  it('assembles a person’s visits that share a group key, and refuses a chain with two visits on one day', () => {
    // Person A: morning group 4 on days 0, 1, 2 (visits 0–2). Person B: group 9 on days 0 and 1
    // (visits 3, 4), and C also group 9 on day 1 (visit 5): B's chain holds two day-1 visits.
    const { table, visitOf } = handTable([
      [0, 0, 0, 4, 600],
      [1, 1, 0, 4, 600],
      [2, 2, 0, 4, 600],
      [3, 0, 0, 9, 610],
      [4, 1, 0, 9, 610],
      [5, 1, 0, 9, 620],
    ]);
    const v = visitRecords(table, visitOf);
    const people = personIndex(v, { person: Int32Array.from([0, 0, 0, 1, 1, 2]) });
    const c = profileChaining(v, people, { seed: 1 });
    expect(c.persons).toBe(2);
    // A: both other visits assembled, nothing added that is not A's; B: nothing (ambiguous chain).
    expect(c.share).toMatchObject({ successes: 2, n: 3 });
    expect(c.precision).toMatchObject({ successes: 2, n: 2 });
    expect(c.profiled).toMatchObject({ successes: 1, n: 2 });
  });

  it('joins through a visit that runs into the next interval', () => {
    // Visit 1 starts in the morning (group 4) and stays into lunch (group 6): it bridges A's
    // morning visit on day 0 to A's lunch visit on day 2.
    const { table, visitOf } = handTable([
      [0, 0, 0, 4, 600],
      [1, 1, 0, 4, 655],
      [1, 1, 1, 6, 661],
      [1, 1, 1, 6, 662],
      [1, 1, 1, 6, 663],
      [2, 2, 1, 6, 700],
    ]);
    const v = visitRecords(table, visitOf);
    const people = personIndex(v, { person: Int32Array.from([0, 0, 0]) });
    expect(profileChaining(v, people, { seed: 1 }).share).toMatchObject({ successes: 2, n: 2 });
  });
});
