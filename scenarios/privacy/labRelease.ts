import { ageBands, genders } from '../../engine/events/index.ts';
import {
  type Identities,
  type SightingTable,
  SightingTableBuilder,
  type VisitRecords,
  visitRecords,
} from '../../engine/privacy/risk/index.ts';

/**
 * A simulated release with its truth: the released sightings as the attacker gets them, and beside
 * them (never inside them) which visit each sighting came from and who made each visit. The truth
 * stays in scenarios/; engine/privacy/risk gets it as plain arrays to score the attacks.
 */
export type LabRelease = {
  table: SightingTable;
  /** Truth: per sighting, its visit (index into `visits`). */
  visitOf: Int32Array;
  visits: {
    length: number;
    person: Int32Array;
    store: string[];
    day: Int32Array;
    /** When the visit began (epoch ms). */
    entered: Float64Array;
    gender: string[];
    age: string[];
  };
};

/** A builder with the sighting domains fixed (so that every release indexes attributes alike). */
export function releaseBuilder(): SightingTableBuilder {
  return new SightingTableBuilder({ genders, ages: ageBands });
}

/** Several releases as one (visits renumbered; people keep their numbers, so one population may span stores). */
export function mergeReleases(releases: readonly LabRelease[]): LabRelease {
  if (releases.length === 1) return releases[0] as LabRelease;
  const b = releaseBuilder();
  const visitOf: number[] = [];
  let offset = 0;
  for (const r of releases) {
    const t = r.table;
    for (let i = 0; i < t.length; i++) {
      const g = t.gender[i] as number;
      const a = t.age[i] as number;
      b.add(
        t.stores[t.store[i] as number] as string,
        t.zones[t.zone[i] as number] as string,
        t.group[i] as number,
        t.interval[i] as number,
        t.day[i] as number,
        t.epoch[i] as number,
        t.t[i] as number,
        g >= 0 ? t.genders[g] : undefined,
        a >= 0 ? t.ages[a] : undefined,
      );
      visitOf.push((r.visitOf[i] as number) + offset);
    }
    offset += r.visits.length;
  }
  const cat = <T extends Int32Array | Float64Array>(
    k: 'person' | 'day' | 'entered',
    make: (n: number) => T,
  ): T => {
    const out = make(offset);
    let at = 0;
    for (const r of releases) {
      out.set(r.visits[k], at);
      at += r.visits.length;
    }
    return out;
  };
  return {
    table: b.build(),
    visitOf: Int32Array.from(visitOf),
    visits: {
      length: offset,
      person: cat('person', (n) => new Int32Array(n)),
      day: cat('day', (n) => new Int32Array(n)),
      entered: cat('entered', (n) => new Float64Array(n)),
      store: releases.flatMap((r) => r.visits.store),
      gender: releases.flatMap((r) => r.visits.gender),
      age: releases.flatMap((r) => r.visits.age),
    },
  };
}

/**
 * The attacker's visit records of a release (segmented by the true visits: a stronger attacker
 * than a real one) and the truth behind each record, in the form engine/privacy/risk takes.
 */
export function labRecords(
  release: LabRelease,
  opts: { bucketMs?: number } = {},
): { records: VisitRecords; identities: Identities; sightingPerson: Int32Array } {
  const records = visitRecords(release.table, release.visitOf, opts);
  const person = new Int32Array(records.length);
  const gender: string[] = [];
  const age: string[] = [];
  for (let r = 0; r < records.length; r++) {
    const v = records.source[r] as number;
    person[r] = release.visits.person[v] as number;
    gender.push(release.visits.gender[v] as string);
    age.push(release.visits.age[v] as string);
  }
  const sightingPerson = new Int32Array(release.table.length);
  for (let i = 0; i < sightingPerson.length; i++)
    sightingPerson[i] = release.visits.person[release.visitOf[i] as number] as number;
  return { records, identities: { person, gender, age }, sightingPerson };
}
