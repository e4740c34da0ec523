import { type Proportion, wilson } from '../wilson.ts';
import { GroupKeys } from './groupKeys.ts';
import type { PersonIndex } from './identities.ts';
import { shuffledControl } from './shuffledControl.ts';
import type { VisitRecords } from './visitRecords.ts';

export type ChainingRates = {
  /** Of the persons' other visits (beyond the one the attacker starts from), the share the chain assembles. */
  share: Proportion;
  /** Of the visits the chains add, the share that really are the person's. */
  precision: Proportion;
  /** Persons whose chain is a clean profile: at least two of their visits and nobody else's. */
  profiled: Proportion;
};

export type ProfileChaining = ChainingRates & {
  /** Persons with at least two visits in the release (the ones a profile could be built of). */
  persons: number;
  control: ChainingRates;
  seed: number;
};

/**
 * Cross-day profile chaining: the attacker joins visits that share a group key and the same released
 * gender and age band — and through a visit that ran into a second interval, that interval's key —
 * into chains (connected components), and takes a chain for one person's profile unless it holds two
 * visits on one day. Starting from each person's first visit: how much of the rest of their period
 * the chain assembles, how much of what it assembles is theirs, and how many get a clean profile.
 * Control: the same on the release with group IDs dealt out at random within slots.
 */
export function profileChaining(
  v: VisitRecords,
  people: PersonIndex,
  opts: { seed: number; control?: VisitRecords },
): ProfileChaining {
  const control = opts.control ?? shuffledControl(v, opts.seed);
  let persons = 0;
  for (let p = 0; p < people.persons; p++)
    if ((people.start[p + 1] as number) - (people.start[p] as number) >= 2) persons++;
  return { ...chain(v, people), persons, control: chain(control, people), seed: opts.seed };
}

function chain(v: VisitRecords, people: PersonIndex): ChainingRates {
  const parent = Int32Array.from({ length: v.length }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    let y = x;
    while (parent[y] !== r) {
      const next = parent[y] as number;
      parent[y] = r;
      y = next;
    }
    return r;
  };
  const keys = new GroupKeys(v, { bridges: true });
  // Within a key, only visits with the same released gender and age band join.
  for (const [, list] of keys.entries()) {
    const firstOf = new Map<number, number>();
    for (const r of list) {
      const attrs = ((v.gender[r] as number) + 1) * 256 + ((v.age[r] as number) + 1);
      const f = firstOf.get(attrs);
      if (f === undefined) firstOf.set(attrs, r);
      else {
        const a = find(f);
        const b = find(r);
        if (a !== b) parent[a] = b;
      }
    }
  }
  const members = new Map<number, number[]>();
  for (let r = 0; r < v.length; r++) {
    const root = find(r);
    const list = members.get(root);
    if (list) list.push(r);
    else members.set(root, [r]);
  }
  const consistent = new Map<number, boolean>();
  for (const [root, list] of members) {
    const days = new Set<number>();
    for (const r of list) days.add(v.day[r] as number);
    consistent.set(root, days.size === list.length);
  }
  let others = 0;
  let assembled = 0;
  let added = 0;
  let persons = 0;
  let profiled = 0;
  for (let p = 0; p < people.persons; p++) {
    const from = people.start[p] as number;
    const to = people.start[p + 1] as number;
    if (to - from < 2) continue;
    persons++;
    let first = people.records[from] as number;
    for (let i = from; i < to; i++) {
      const r = people.records[i] as number;
      if ((v.t0[r] as number) < (v.t0[first] as number)) first = r;
    }
    const root = find(first);
    const profile = consistent.get(root) ? (members.get(root) as number[]) : [first];
    let mine = 0;
    for (const r of profile) if (people.of[r] === p) mine++;
    others += to - from - 1;
    assembled += mine - 1;
    added += profile.length - 1;
    if (mine >= 2 && mine === profile.length) profiled++;
  }
  return {
    share: wilson(assembled, others),
    precision: wilson(assembled, added),
    profiled: wilson(profiled, persons),
  };
}
