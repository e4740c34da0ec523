import { VarvError } from '../../errors.ts';
import type { VisitRecords } from './visitRecords.ts';

/**
 * What really happened, per visit record (from a simulation's truth; never from the release): who
 * made the visit, and that person's true gender and age band (for scoring inference attacks).
 */
export type Identities = {
  person: Int32Array;
  gender?: readonly string[];
  age?: readonly string[];
};

/** Each person's records: persons numbered 0…persons−1 in order of first record; CSR lists. */
export type PersonIndex = {
  persons: number;
  /** Per record, its person's number. */
  of: Int32Array;
  start: Int32Array;
  records: Int32Array;
};

/** Indexes records by person. */
export function personIndex(v: VisitRecords, id: Identities): PersonIndex {
  const n = v.length;
  if (id.person.length !== n)
    throw new VarvError('E_RISK_INPUT', `identities name ${id.person.length} persons for ${n} visit records`);
  const number = new Map<number, number>();
  const of = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const p = id.person[r] as number;
    let k = number.get(p);
    if (k === undefined) {
      k = number.size;
      number.set(p, k);
    }
    of[r] = k;
  }
  const persons = number.size;
  const start = new Int32Array(persons + 1);
  for (let r = 0; r < n; r++) start[(of[r] as number) + 1] = (start[(of[r] as number) + 1] as number) + 1;
  for (let p = 0; p < persons; p++) start[p + 1] = (start[p + 1] as number) + (start[p] as number);
  const fill = start.slice(0, persons);
  const records = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const p = of[r] as number;
    const at = fill[p] as number;
    records[at] = r;
    fill[p] = at + 1;
  }
  return { persons, of, start, records };
}
