import { describe, expect, it } from 'vitest';
import {
  GroupKeys,
  inference,
  matchQuery,
  singlingOut,
  visitRecords,
} from '../../../engine/privacy/risk/index.ts';
import { fixture } from './fixtures.ts';
import { handTable } from './table.ts';

describe('singling out', () => {
  const { table, visitOf } = handTable([
    [0, 0, 0, 7, 600, 'dairy', 'woman', '65+'],
    [1, 1, 0, 7, 610, 'bakery', 'woman', '65+'],
    [2, 2, 0, 7, 700, 'dairy', 'man', '65+'],
    [3, 2, 1, 7, 700, 'dairy', 'woman', '65+'],
  ]);
  const v = visitRecords(table, visitOf);
  const keys = new GroupKeys(v);
  const q = { store: 0, epoch: 0, interval: 0, group: 7, gender: -1, age: -1, hour: -1, zone: -1 };

  it('matches a query on the group key and each attribute term it has', () => {
    expect(matchQuery(v, keys, q)).toEqual([0, 1, 2]);
    expect(matchQuery(v, keys, { ...q, gender: v.genders.indexOf('woman') })).toEqual([0, 1]);
    expect(matchQuery(v, keys, { ...q, zone: v.zones.indexOf('dairy') })).toEqual([0, 2]);
    expect(matchQuery(v, keys, { ...q, hour: 10 })).toEqual([0, 1]);
    expect(matchQuery(v, keys, { ...q, interval: 1 })).toEqual([3]);
  });

  it('claims only queries that look like one regular visitor, and counts the attacks', () => {
    const f = fixture({
      persons: 300,
      days: 10,
      visitProb: 0.3,
      sightingsPerVisit: 6,
      group: (p) => p % 50,
      seed: 4,
    });
    const r = singlingOut(f.records, f.identities, { seed: 2, attacks: 300 });
    expect(r.attacks).toBe(300);
    expect(r.tried.attack).toBeGreaterThanOrEqual(300);
    // Six people share each group: gender and age band separate most of them.
    expect(r.attack.p).toBeGreaterThan(0.3);
    expect(r.attack.p).toBeGreaterThan(r.control.p);
  });
});

describe('inference', () => {
  it('infers how often someone comes from their linked visits', () => {
    const f = fixture({
      persons: 200,
      days: 12,
      visitProb: 0.4,
      sightingsPerVisit: 6,
      group: (p) => p,
      seed: 8,
    });
    const r = inference(f.records, f.identities, { secret: 'frequency', seed: 3, attacks: 500 });
    expect(r.categories).toEqual(['1', '2-3', '4+']);
    expect(r.attack.p).toBeGreaterThan(r.control.p);
    expect(r.lo).toBeGreaterThan(0.2);
  });
});
