import { describe, expect, it } from 'vitest';
import { groupOccupancy } from '../../../engine/privacy/risk/index.ts';
import { handTable, type Row } from './table.ts';

describe('group occupancy and the ARX attacker models', () => {
  // Class A (group 5): persons 1, 1, 2 → k = 2. Class B (group 6): person 3 → k = 1.
  // Class C (group 7): persons 4…8 → k = 5. Records: 2 + 1 + 5 = 8.
  const rows: Row[] = [];
  const person: number[] = [];
  const add = (group: number, p: number) => {
    rows.push([0, 0, 0, group, 600]);
    person.push(p);
  };
  add(5, 1);
  add(5, 1);
  add(5, 2);
  add(6, 3);
  for (const p of [4, 5, 6, 7, 8]) add(7, p);
  const { table } = handTable(rows);

  it('counts the distinct people of each class', () => {
    const o = groupOccupancy(table, person);
    expect(o.classes).toBe(3);
    expect(o.records).toBe(8);
    expect(o.k.histogram).toEqual([
      { k: '1', classes: 1 },
      { k: '2', classes: 1 },
      { k: '5', classes: 1 },
    ]);
    expect(o.k.min).toBe(1);
    expect(o.k.median).toBe(2);
    expect(o.k.mean).toBeCloseTo(8 / 3, 12);
    expect(o.cells.map((c) => [c.group, c.k, c.F])).toEqual([
      [5, 2, null],
      [6, 1, null],
      [7, 5, null],
    ]);
    expect(o.bySlot).toEqual([
      { store: 's', day: 20_514, interval: 'morning', classes: 3, meanK: 8 / 3, shareK1: 1 / 3 },
    ]);
  });

  it('gives the prosecutor 1/k per record: highest 1, average 3/8, 3 of 8 records above 0.2', () => {
    const o = groupOccupancy(table, person);
    expect(o.prosecutor).toEqual({
      highest: 1,
      average: 3 / 8,
      recordsAtRisk: 3 / 8,
      threshold: 0.2,
      pass: false,
    });
    // No population given: the journalist and marketer read the release as the population.
    expect(o.journalist.population).toBe('release');
    expect(o.marketer.risk).toBe(3 / 8);
  });

  it('gives the journalist and the marketer 1/F for a population class size F', () => {
    const o = groupOccupancy(table, person, { populationClassSize: () => 10 });
    expect(o.journalist.highest).toBeCloseTo(0.1, 12);
    expect(o.journalist.average).toBeCloseTo(0.1, 12);
    expect(o.journalist.recordsAtRisk).toBe(1);
    expect(o.journalist.pass).toBe(false);
    expect(o.marketer).toEqual({ risk: o.journalist.average, threshold: 0.05, pass: false });
    const big = groupOccupancy(table, person, { populationClassSize: () => 40 });
    expect(big.journalist.pass).toBe(true);
    expect(big.cells.map((c) => c.F)).toEqual([40, 40, 40]);
    expect(big.marketer.pass).toBe(true);
  });
});
