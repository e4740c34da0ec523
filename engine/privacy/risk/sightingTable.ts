import { VarvError } from '../../errors.ts';
import { type IntervalName, intervalNames } from '../intervals.ts';

/**
 * One released sighting as the attacks read it: what left the store (store, zone, group, interval,
 * time, attributes) plus what anyone can work out from it — the store-local day, and the key epoch
 * the group was hashed in (from the day and the published rotation). Nothing else: no identity.
 */
export type ReleasedSighting = {
  store: string;
  zone: string;
  group: number;
  interval: IntervalName;
  /** Local day, days since 1970-01-01. */
  day: number;
  epoch: number;
  /** Epoch ms, store clock. */
  t: number;
  gender?: string;
  age?: string;
};

/** Released sightings as columns (typed arrays); strings are indices into the domain lists. */
export type SightingTable = {
  length: number;
  stores: string[];
  zones: string[];
  genders: string[];
  ages: string[];
  store: Uint16Array;
  zone: Uint16Array;
  group: Int32Array;
  /** 0 morning, 1 lunch, 2 afternoon. */
  interval: Uint8Array;
  day: Int32Array;
  epoch: Int32Array;
  t: Float64Array;
  /** Index into `genders` / `ages`; −1 when the sighting carries none. */
  gender: Int8Array;
  age: Int8Array;
};

/**
 * Builds a SightingTable row by row without an object per row (a simulated month is millions of
 * sightings). Domains may be given up front so that two tables index attributes alike.
 */
export class SightingTableBuilder {
  private n = 0;
  private cap: number;
  private readonly index = { stores: new Map<string, number>(), zones: new Map<string, number>() };
  private readonly genders: string[];
  private readonly ages: string[];
  private readonly stores: string[] = [];
  private readonly zones: string[] = [];
  private cols: Omit<SightingTable, 'length' | 'stores' | 'zones' | 'genders' | 'ages'>;

  constructor(domains: { genders?: readonly string[]; ages?: readonly string[] } = {}, capacity = 1024) {
    this.genders = [...(domains.genders ?? [])];
    this.ages = [...(domains.ages ?? [])];
    this.cap = Math.max(16, capacity);
    this.cols = allocate(this.cap);
  }

  get length(): number {
    return this.n;
  }

  /** Appends a sighting; `interval` is 0…2 (or a name). Returns its row. */
  add(
    store: string,
    zone: string,
    group: number,
    interval: number | IntervalName,
    day: number,
    epoch: number,
    t: number,
    gender?: string,
    age?: string,
  ): number {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    const c = this.cols;
    c.store[i] = intern(this.index.stores, this.stores, store);
    c.zone[i] = intern(this.index.zones, this.zones, zone);
    c.group[i] = group;
    const iv = typeof interval === 'number' ? interval : intervalNames.indexOf(interval);
    if (!(iv >= 0 && iv < 3))
      throw new VarvError('E_RISK_INPUT', `sighting ${i}: unknown interval ${interval}`);
    c.interval[i] = iv;
    c.day[i] = day;
    c.epoch[i] = epoch;
    c.t[i] = t;
    c.gender[i] = attr(this.genders, gender);
    c.age[i] = attr(this.ages, age);
    return i;
  }

  build(): SightingTable {
    const n = this.n;
    const c = this.cols;
    return {
      length: n,
      stores: [...this.stores],
      zones: [...this.zones],
      genders: [...this.genders],
      ages: [...this.ages],
      store: c.store.slice(0, n),
      zone: c.zone.slice(0, n),
      group: c.group.slice(0, n),
      interval: c.interval.slice(0, n),
      day: c.day.slice(0, n),
      epoch: c.epoch.slice(0, n),
      t: c.t.slice(0, n),
      gender: c.gender.slice(0, n),
      age: c.age.slice(0, n),
    };
  }

  private grow(): void {
    const old = this.cols;
    this.cap *= 2;
    const next = allocate(this.cap);
    for (const k of Object.keys(old) as (keyof typeof old)[])
      (next[k] as { set(a: ArrayLike<number>): void }).set(old[k]);
    this.cols = next;
  }
}

/** A table of released sightings from plain rows. */
export function sightingTable(
  rows: Iterable<ReleasedSighting>,
  domains: { genders?: readonly string[]; ages?: readonly string[] } = {},
): SightingTable {
  const b = new SightingTableBuilder(domains);
  for (const r of rows) b.add(r.store, r.zone, r.group, r.interval, r.day, r.epoch, r.t, r.gender, r.age);
  return b.build();
}

function allocate(n: number) {
  return {
    store: new Uint16Array(n),
    zone: new Uint16Array(n),
    group: new Int32Array(n),
    interval: new Uint8Array(n),
    day: new Int32Array(n),
    epoch: new Int32Array(n),
    t: new Float64Array(n),
    gender: new Int8Array(n),
    age: new Int8Array(n),
  };
}

function intern(index: Map<string, number>, list: string[], s: string): number {
  let i = index.get(s);
  if (i === undefined) {
    i = list.push(s) - 1;
    if (i > 0xffff) throw new VarvError('E_RISK_INPUT', `more than 65,536 distinct stores or zones`);
    index.set(s, i);
  }
  return i;
}

function attr(domain: string[], v: string | undefined): number {
  if (v === undefined) return -1;
  let i = domain.indexOf(v);
  if (i < 0) {
    i = domain.push(v) - 1;
    if (i > 127) throw new VarvError('E_RISK_INPUT', `more than 128 distinct values of an attribute`);
  }
  return i;
}
