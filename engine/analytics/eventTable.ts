import { ascending } from 'd3-array';
import { ageBands, type CountV1, genders, type SightingV1 } from '../events/index.ts';
import type { CameraClass, StoreLayout } from '../layout/index.ts';
import { DayIntervals, intervalNames } from '../privacy/index.ts';
import type { AnalyticsSettings } from './settings.ts';

/**
 * One store's events, indexed once for all KPIs: sightings and door counts in time order, as
 * columns (typed arrays), with the store-local day and interval of each. Every KPI reads this
 * table; none reads an event twice or keeps anything per person.
 */
export type EventTable = {
  store: StoreLayout;
  settings: AnalyticsSettings;
  /** Camera ids (index → id), their classes, and the zone ids that appear (store zones first). */
  cameras: string[];
  cameraClass: CameraClass[];
  zones: string[];
  /** Distinct local days (days since 1970-01-01), ascending. */
  days: number[];
  sightings: {
    length: number;
    t: Float64Array;
    camera: Uint16Array;
    zone: Uint16Array;
    group: Int32Array;
    /** 0 morning, 1 lunch, 2 afternoon. */
    interval: Uint8Array;
    day: Int32Array;
    /** Index into `genders` / `ageBands`; −1 when absent. */
    gender: Int8Array;
    age: Int8Array;
  };
  counts: {
    length: number;
    t: Float64Array;
    camera: Uint16Array;
    /** +1 in, −1 out. */
    direction: Int8Array;
    n: Int32Array;
    interval: Uint8Array;
    day: Int32Array;
  };
  /** Where each (day, interval) ends (epoch ms), keyed `day * 3 + interval`. */
  intervalEnd: Map<number, number>;
  intervalStart: Map<number, number>;
};

/** Indexes a store's sighting and count events (any order; other stores' events are ignored). */
export function eventTable(
  events: Iterable<SightingV1 | CountV1>,
  store: StoreLayout,
  settings: AnalyticsSettings,
): EventTable {
  const sightings: SightingV1[] = [];
  const counts: CountV1[] = [];
  for (const e of events) {
    if (e.store !== store.id) continue;
    if (e.type === 'sighting') sightings.push(e);
    else if (e.type === 'count') counts.push(e);
  }
  const byTime = (a: { t: number; seq: number }, b: { t: number; seq: number }) =>
    ascending(a.t, b.t) || ascending(a.seq, b.seq);
  sightings.sort(byTime);
  counts.sort(byTime);

  const cameras = store.cameras.map((c) => c.id);
  const cameraClass: CameraClass[] = store.cameras.map((c) => c.class);
  const cameraIndex = new Map(cameras.map((id, i) => [id, i]));
  const zones = store.zones.map((z) => z.id);
  const zoneIndex = new Map(zones.map((id, i) => [id, i]));
  const cam = (id: string, cls: CameraClass = 'department') => {
    let i = cameraIndex.get(id);
    if (i === undefined) {
      i = cameras.push(id) - 1;
      cameraClass.push(cls);
      cameraIndex.set(id, i);
    }
    return i;
  };
  const zoneOf = (id: string) => {
    let i = zoneIndex.get(id);
    if (i === undefined) {
      i = zones.push(id) - 1;
      zoneIndex.set(id, i);
    }
    return i;
  };
  const intervals = new DayIntervals(store.timezone, settings.intervals);
  const intervalStart = new Map<number, number>();
  const intervalEnd = new Map<number, number>();
  const days = new Set<number>();
  const position = (t: number) => {
    const p = intervals.at(t);
    const key = p.day * 3 + intervalNames.indexOf(p.interval);
    if (!intervalEnd.has(key)) {
      intervalStart.set(key, p.start);
      intervalEnd.set(key, p.end);
      days.add(p.day);
    }
    return p;
  };

  const n = sightings.length;
  const s = {
    length: n,
    t: new Float64Array(n),
    camera: new Uint16Array(n),
    zone: new Uint16Array(n),
    group: new Int32Array(n),
    interval: new Uint8Array(n),
    day: new Int32Array(n),
    gender: new Int8Array(n),
    age: new Int8Array(n),
  };
  sightings.forEach((e, i) => {
    s.t[i] = e.t;
    s.camera[i] = cam(e.camera, e.cameraClass);
    s.zone[i] = zoneOf(e.zone);
    s.group[i] = e.group;
    // The event's own interval decides its group's hash; its day comes from the store clock.
    s.interval[i] = intervalNames.indexOf(e.interval);
    s.day[i] = position(e.t).day;
    s.gender[i] = e.attrs?.gender ? genders.indexOf(e.attrs.gender) : -1;
    s.age[i] = e.attrs?.age ? ageBands.indexOf(e.attrs.age) : -1;
  });
  const m = counts.length;
  const c = {
    length: m,
    t: new Float64Array(m),
    camera: new Uint16Array(m),
    direction: new Int8Array(m),
    n: new Int32Array(m),
    interval: new Uint8Array(m),
    day: new Int32Array(m),
  };
  counts.forEach((e, i) => {
    c.t[i] = e.t;
    c.camera[i] = cam(e.camera, 'entrance');
    zoneOf(e.zone);
    c.direction[i] = e.direction === 'in' ? 1 : -1;
    c.n[i] = e.n;
    const p = position(e.t);
    c.interval[i] = intervalNames.indexOf(p.interval);
    c.day[i] = p.day;
  });
  return {
    store,
    settings,
    cameras,
    cameraClass,
    zones,
    days: [...days].sort(ascending),
    sightings: s,
    counts: c,
    intervalEnd,
    intervalStart,
  };
}

/** Key of a (day, interval) cell. */
export function dayInterval(day: number, interval: number): number {
  return day * 3 + interval;
}
