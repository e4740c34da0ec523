import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, DEFAULT_K, release, releaseAll } from '../../engine/privacy/kThreshold.ts';

const groups = (n: number) => new Set(Array.from({ length: n }, (_, i) => i * 17));

describe('release', () => {
  it('has k = 5 by default', () => {
    expect(DEFAULT_K).toBe(5);
  });

  it('suppresses a cell built from fewer than k distinct groups and releases it at k', () => {
    expect(release({ value: 42, groups: groups(4) })).toEqual({ value: null, suppressed: true });
    expect(release({ value: 42, groups: groups(5) })).toEqual({ value: 42, suppressed: false });
    expect(release({ value: 42, groups: groups(6) })).toEqual({ value: 42, suppressed: false });
    expect(release({ value: 42, groups: groups(0) })).toEqual({ value: null, suppressed: true });
  });

  it('takes a count of distinct groups instead of a set', () => {
    expect(release({ value: 'x', groups: 4 })).toEqual({ value: null, suppressed: true });
    expect(release({ value: 'x', groups: 5 })).toEqual({ value: 'x', suppressed: false });
    expect(release({ value: 'x', groups: 0 })).toEqual({ value: null, suppressed: true });
  });

  it('counts distinct groups, not visits: many visits by four groups stay suppressed', () => {
    const visits = [1, 2, 3, 4, 1, 2, 3, 4, 1, 1, 1];
    expect(release({ value: visits.length, groups: new Set(visits) }).suppressed).toBe(true);
  });

  it('uses a given k', () => {
    expect(release({ value: 1, groups: groups(2) }, 3).suppressed).toBe(true);
    expect(release({ value: 1, groups: groups(3) }, 3).suppressed).toBe(false);
    expect(release({ value: 1, groups: groups(9) }, 10).suppressed).toBe(true);
  });

  it('never lets a suppressed value through, whatever it is (a zero or a falsy value is still released at k)', () => {
    expect(release({ value: 0, groups: 5 })).toEqual({ value: 0, suppressed: false });
    expect(release({ value: 0, groups: 4 })).toEqual({ value: null, suppressed: true });
    const secret = { count: 3, people: ['a'] };
    expect(JSON.stringify(release({ value: secret, groups: 1 }))).not.toContain('people');
  });

  it('releases a cell iff it has at least k distinct groups (property, set or count)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        (ids, k, value) => {
          const distinct = new Set(ids).size;
          const expected = distinct >= k ? { value, suppressed: false } : { value: null, suppressed: true };
          expect(release({ value, groups: new Set(ids) }, k)).toEqual(expected);
          expect(release({ value, groups: distinct }, k)).toEqual(expected);
        },
      ),
      { seed: 42 },
    );
  });
});

describe('releaseAll', () => {
  it('applies the threshold to every cell and keeps the keys and their order', () => {
    const cells = new Map<string, Cell<number>>([
      ['zone-b|lunch', { value: 12, groups: groups(7) }],
      ['zone-a|morning', { value: 3, groups: groups(2) }],
      ['zone-c|afternoon', { value: 5, groups: 5 }],
    ]);
    const out = releaseAll(cells);
    expect([...out.keys()]).toEqual(['zone-b|lunch', 'zone-a|morning', 'zone-c|afternoon']);
    expect(out.get('zone-b|lunch')).toEqual({ value: 12, suppressed: false });
    expect(out.get('zone-a|morning')).toEqual({ value: null, suppressed: true });
    expect(out.get('zone-c|afternoon')).toEqual({ value: 5, suppressed: false });
    expect(releaseAll(cells, 8).get('zone-b|lunch')).toEqual({ value: null, suppressed: true });
  });

  it('leaves the input untouched and handles an empty aggregate', () => {
    const cells = new Map([[1, { value: 'v', groups: 1 }]]);
    releaseAll(cells);
    expect(cells.get(1)).toEqual({ value: 'v', groups: 1 });
    expect(releaseAll(new Map()).size).toBe(0);
  });

  it('agrees with release cell by cell (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string(), fc.nat({ max: 10 }), fc.double({ noNaN: true })), { maxLength: 30 }),
        (rows) => {
          const cells = new Map(rows.map(([key, n, value]) => [key, { value, groups: n }] as const));
          const out = releaseAll(cells);
          expect([...out.keys()]).toEqual([...cells.keys()]);
          for (const [key, cell] of cells) expect(out.get(key)).toEqual(release(cell));
        },
      ),
      { seed: 42 },
    );
  });
});
