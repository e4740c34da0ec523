import type { VisitRecords } from './visitRecords.ts';

/**
 * Records grouped by slot, a (store, day, interval): the visits an attacker knows happened "on
 * that day in that part of the day in that store". Slots are numbered 0…count−1.
 */
export type VisitSlots = {
  count: number;
  /** Per record, its slot. */
  of: Int32Array;
  start: Int32Array;
  records: Int32Array;
};

const cache = new WeakMap<VisitRecords, VisitSlots>();

/** The slots of a release's records (computed once per records object; records are not changed after they are made). */
export function visitSlots(v: VisitRecords): VisitSlots {
  const known = cache.get(v);
  if (known) return known;
  const slots = computeSlots(v);
  cache.set(v, slots);
  return slots;
}

function computeSlots(v: VisitRecords): VisitSlots {
  const number = new Map<number, number>();
  const of = new Int32Array(v.length);
  let minDay = Number.POSITIVE_INFINITY;
  for (let r = 0; r < v.length; r++) minDay = Math.min(minDay, v.day[r] as number);
  for (let r = 0; r < v.length; r++) {
    const key =
      ((v.store[r] as number) * 1_000_000 + ((v.day[r] as number) - minDay)) * 3 + (v.interval[r] as number);
    let k = number.get(key);
    if (k === undefined) {
      k = number.size;
      number.set(key, k);
    }
    of[r] = k;
  }
  const count = number.size;
  const start = new Int32Array(count + 1);
  for (let r = 0; r < v.length; r++)
    start[(of[r] as number) + 1] = (start[(of[r] as number) + 1] as number) + 1;
  for (let k = 0; k < count; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const fill = start.slice(0, count);
  const records = new Int32Array(v.length);
  for (let r = 0; r < v.length; r++) {
    const k = of[r] as number;
    const at = fill[k] as number;
    records[at] = r;
    fill[k] = at + 1;
  }
  return { count, of, start, records };
}
