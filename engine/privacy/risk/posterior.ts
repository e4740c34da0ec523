import { type IntervalName, intervalNames } from '../intervals.ts';
import { type Proportion, wilson } from '../wilson.ts';
import { GroupKeys } from './groupKeys.ts';
import type { PersonIndex } from './identities.ts';
import type { VisitRecords } from './visitRecords.ts';

export type PosteriorCell = {
  store: string;
  interval: IntervalName;
  /** Released gender and age band both visits show (null: none released). */
  gender: string | null;
  age: string | null;
  /** Same-person pairs out of all same-group pairs on different days. */
  posterior: Proportion;
};

export type SameGroupPosterior = {
  cells: PosteriorCell[];
  byInterval: { interval: IntervalName; posterior: Proportion }[];
  overall: Proportion;
};

/**
 * P(same person | same group): among pairs of visits on different days that share their group key
 * (store, key epoch, interval, modal group) and show the same released gender and age band, the share
 * that are one person — per (store, interval, gender × age band), per interval and overall. Pairs are
 * counted, not sampled; they share visits, so the Wilson intervals (over pairs) are narrower than a
 * visit-level interval would be.
 */
export function sameGroupPosterior(v: VisitRecords, people: PersonIndex): SameGroupPosterior {
  const keys = new GroupKeys(v);
  const c2 = (n: number) => (n * (n - 1)) / 2;
  const cells = new Map<
    string,
    { pairs: number; mated: number; store: number; interval: number; gender: number; age: number }
  >();
  for (const [, list] of keys.entries()) {
    const sub = new Map<number, number[]>();
    for (const r of list) {
      const k = ((v.gender[r] as number) + 1) * 256 + ((v.age[r] as number) + 1);
      const l = sub.get(k);
      if (l) l.push(r);
      else sub.set(k, [r]);
    }
    for (const recs of sub.values()) {
      if (recs.length < 2) continue;
      const perDay = new Map<number, number>();
      const perPerson = new Map<number, number>();
      const perPersonDay = new Map<string, number>();
      for (const r of recs) {
        const d = v.day[r] as number;
        const p = people.of[r] as number;
        perDay.set(d, (perDay.get(d) ?? 0) + 1);
        perPerson.set(p, (perPerson.get(p) ?? 0) + 1);
        perPersonDay.set(`${p}|${d}`, (perPersonDay.get(`${p}|${d}`) ?? 0) + 1);
      }
      let pairs = c2(recs.length);
      for (const n of perDay.values()) pairs -= c2(n);
      let mated = 0;
      for (const n of perPerson.values()) mated += c2(n);
      for (const n of perPersonDay.values()) mated -= c2(n);
      if (pairs === 0) continue;
      const r0 = recs[0] as number;
      const id = `${v.store[r0]}|${v.interval[r0]}|${v.gender[r0]}|${v.age[r0]}`;
      const cell = cells.get(id) ?? {
        pairs: 0,
        mated: 0,
        store: v.store[r0] as number,
        interval: v.interval[r0] as number,
        gender: v.gender[r0] as number,
        age: v.age[r0] as number,
      };
      cell.pairs += pairs;
      cell.mated += mated;
      cells.set(id, cell);
    }
  }
  const list = [...cells.values()].sort(
    (a, b) => a.store - b.store || a.interval - b.interval || a.gender - b.gender || a.age - b.age,
  );
  const byInterval = intervalNames.map((interval, i) => {
    const mine = list.filter((c) => c.interval === i);
    return {
      interval,
      posterior: wilson(
        mine.reduce((s, c) => s + c.mated, 0),
        mine.reduce((s, c) => s + c.pairs, 0),
      ),
    };
  });
  return {
    cells: list.map((c) => ({
      store: v.stores[c.store] as string,
      interval: intervalNames[c.interval] as IntervalName,
      gender: c.gender >= 0 ? (v.genders[c.gender] as string) : null,
      age: c.age >= 0 ? (v.ages[c.age] as string) : null,
      posterior: wilson(c.mated, c.pairs),
    })),
    byInterval,
    overall: wilson(
      list.reduce((s, c) => s + c.mated, 0),
      list.reduce((s, c) => s + c.pairs, 0),
    ),
  };
}
