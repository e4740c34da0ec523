import { type Rng, seededRng } from '../../../engine/privacy/index.ts';
import {
  type Identities,
  type SightingTable,
  SightingTableBuilder,
  type VisitRecords,
  visitRecords,
} from '../../../engine/privacy/risk/index.ts';

export const GENDERS = ['man', 'woman'] as const;
export const AGES = ['0-17', '18-29', '30-44', '45-64', '65+'] as const;
const DAY_MS = 86_400_000;
/** 2026-03-02 00:00 UTC as a local day number and epoch ms. */
export const DAY0 = 20_514;
const ZONES = ['entrance', 'produce', 'bakery', 'dairy', 'checkout'];
/** Interval starts (hours, UTC) and lengths. */
const INTERVAL_HOURS: readonly [number, number][] = [
  [8, 3],
  [11, 3],
  [14, 6],
];

export type Fixture = {
  table: SightingTable;
  visitOf: Int32Array;
  /** Per visit (segmentation id): who made it, their true gender and age band, the store. */
  person: number[];
  gender: string[];
  age: string[];
  /** Visit records and the truth behind each record. */
  records: VisitRecords;
  identities: Identities;
  sightingPerson: Int32Array;
};

export type FixtureOptions = {
  persons: number;
  days: number;
  /** P(a person comes on a given day). */
  visitProb: number;
  sightingsPerVisit: number;
  /** The group of one sighting: person, day, interval, store, rng. */
  group: (person: number, day: number, interval: number, store: number, rng: Rng) => number;
  stores?: number;
  /** Key epoch of a day (default 0: no rotation). */
  epoch?: (day: number) => number;
  /** P(a released attribute is right). */
  attrAccuracy?: number;
  seed?: number;
};

/**
 * A small synthetic release with known truth, without the simulator: people with a fixed gender,
 * age band and habitual interval come on random days (one visit a day, in their habitual interval
 * four times in five), each visit a run of sightings 20 s apart through the zones, with groups from
 * `group`. For testing the attacks against releases whose risk is known by construction.
 */
export function fixture(o: FixtureOptions): Fixture {
  const rng = seededRng(`fixture|${o.seed ?? 1}`);
  const stores = o.stores ?? 1;
  const acc = o.attrAccuracy ?? 1;
  const people = Array.from({ length: o.persons }, () => ({
    gender: Math.floor(rng() * 2),
    age: Math.floor(rng() * 5),
    habit: Math.floor(rng() * 3),
  }));
  const b = new SightingTableBuilder({ genders: GENDERS, ages: AGES });
  const visitOf: number[] = [];
  const person: number[] = [];
  const gender: string[] = [];
  const age: string[] = [];
  for (let day = 0; day < o.days; day++) {
    for (let p = 0; p < o.persons; p++) {
      if (rng() >= o.visitProb) continue;
      const store = Math.floor(rng() * stores);
      const me = people[p] as { gender: number; age: number; habit: number };
      const interval = rng() < 0.8 ? me.habit : Math.floor(rng() * 3);
      const [h0, len] = INTERVAL_HOURS[interval] as [number, number];
      const t0 = (DAY0 + day) * DAY_MS + h0 * 3_600_000 + rng() * (len * 3_600_000 - 3_600_000);
      const v = person.length;
      person.push(p);
      gender.push(GENDERS[me.gender] as string);
      age.push(AGES[me.age] as string);
      for (let s = 0; s < o.sightingsPerVisit; s++) {
        const zone = ZONES[
          Math.min(ZONES.length - 1, Math.floor((s / o.sightingsPerVisit) * ZONES.length))
        ] as string;
        const g = rng() < acc ? me.gender : 1 - me.gender;
        const a = rng() < acc ? me.age : (me.age + 1) % 5;
        b.add(
          `store-${store}`,
          zone,
          o.group(p, day, interval, store, rng),
          interval,
          DAY0 + day,
          o.epoch ? o.epoch(day) : 0,
          t0 + s * 20_000,
          GENDERS[g],
          AGES[a],
        );
        visitOf.push(v);
      }
    }
  }
  const table = b.build();
  const vOf = Int32Array.from(visitOf);
  const records = visitRecords(table, vOf);
  const ids = Int32Array.from(records.source, (v) => person[v] as number);
  return {
    table,
    visitOf: vOf,
    person,
    gender,
    age,
    records,
    identities: {
      person: ids,
      gender: Array.from(records.source, (v) => gender[v] as string),
      age: Array.from(records.source, (v) => age[v] as string),
    },
    sightingPerson: Int32Array.from(visitOf, (v) => person[v] as number),
  };
}

/** A unique stable ID per person: the group is the person (the worst case). */
export const stableIds = (person: number) => person;
/** Groups that carry no identity: a fresh random group of 256 for every sighting. */
export const randomIds = (_p: number, _d: number, _i: number, _s: number, rng: Rng) =>
  Math.floor(rng() * 256);
