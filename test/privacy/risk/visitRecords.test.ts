import { describe, expect, it } from 'vitest';
import { TOP_GROUPS, visitRecords } from '../../../engine/privacy/risk/index.ts';
import { thrown } from '../../thrown.ts';
import { handTable } from './table.ts';

describe('visit records', () => {
  // Visit 0: four morning sightings (groups 5, 5, 7, 5), then three at lunch in group 9.
  // Visit 2: one sighting; no visit 1.
  const { table, visitOf } = handTable([
    [0, 0, 0, 5, 600, 'dairy', 'woman', '30-44'],
    [0, 0, 0, 5, 601, 'dairy', 'woman', '45-64'],
    [0, 0, 0, 7, 602, 'bakery', 'man', '30-44'],
    [0, 0, 0, 5, 659, 'bakery', 'woman', '30-44'],
    [0, 0, 1, 9, 660, 'checkout', 'woman', '30-44'],
    [0, 0, 1, 9, 661, 'checkout', 'woman', '30-44'],
    [0, 0, 1, 8, 662, 'checkout', 'woman', '30-44'],
    [2, 1, 2, 3, 900, 'produce', 'man', '65+'],
  ]);
  const v = visitRecords(table, visitOf);

  it('makes one record per visit with sightings, naming the visit', () => {
    expect(v.length).toBe(2);
    expect(Array.from(v.source)).toEqual([0, 2]);
    expect(Array.from(v.sightings)).toEqual([7, 1]);
  });

  it('keeps the groups of the first interval by share, and the modal group of the next as a bridge', () => {
    expect(Array.from(v.groups.subarray(0, TOP_GROUPS))).toEqual([5, 7, -1, -1]);
    expect(v.shares[0]).toBeCloseTo(0.75, 6);
    expect(v.shares[1]).toBeCloseTo(0.25, 6);
    expect(v.bridgeGroup[0]).toBe(9);
    expect(v.bridgeInterval[0]).toBe(1);
    expect(v.bridgeGroup[1]).toBe(-1);
  });

  it('takes the majority of the released attributes', () => {
    expect(v.genders[v.gender[0] as number]).toBe('woman');
    expect(v.ages[v.age[0] as number]).toBe('30-44');
    expect(v.genders[v.gender[1] as number]).toBe('man');
  });

  it('lists each (zone, 5-minute bucket) once, in time order', () => {
    const pts = Array.from({ length: (v.pointStart[1] as number) - (v.pointStart[0] as number) }, (_, i) => [
      v.zones[v.pointZone[i] as number],
      (v.pointBucket[i] as number) - (v.pointBucket[0] as number),
    ]);
    // 10:00–10:02 dairy and bakery in one bucket; 10:59 bakery and 11:00–11:02 checkout in later ones.
    expect(pts).toEqual([
      ['dairy', 0],
      ['bakery', 0],
      ['bakery', 11],
      ['checkout', 12],
    ]);
  });

  it('refuses a segmentation of another length', () => {
    expect(thrown(() => visitRecords(table, new Int32Array(3))).code).toBe('E_RISK_INPUT');
  });
});
