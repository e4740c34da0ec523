import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { type StoreLayout, storeSchema } from '../../engine/layout/index.ts';
import { DayIntervals, type Rng } from '../../engine/privacy/index.ts';
import { rect } from '../layout/fixtures.ts';

/** 09:00 on a Monday in Stockholm: the morning interval. */
export const T0 = Date.parse('2026-03-02T09:00:00+01:00');
export const MIN = 60_000;

/**
 * A 30 m × 10 m test store: an entrance and an exit zone with their cameras, three departments
 * a → b → c each watched by a camera looking straight down, a till whose line has its own camera,
 * a display with its own camera, and the loop in → a → b → c → out.
 */
export function testStore(): StoreLayout {
  const top = (id: string, cls: string, x: number, y: number) => ({
    id,
    class: cls,
    position: [x, y],
    height: 2.8,
    yaw: 90,
    pitch: -90,
    hfov: 100,
    vfov: 100,
    range: 3,
  });
  return storeSchema.parse({
    format: 'varv.store/1',
    id: 'test',
    name: 'Test store',
    outline: rect(0, 0, 30, 10),
    obstacles: [{ id: 'table', kind: 'table', polygon: rect(14, 7, 16, 8), height: 0.9 }],
    entrances: [
      {
        id: 'in',
        segment: [
          [1, 0],
          [3, 0],
        ],
        direction: 'in',
      },
      {
        id: 'out',
        segment: [
          [27, 0],
          [29, 0],
        ],
        direction: 'out',
      },
    ],
    tills: [
      {
        id: 'till-1',
        position: [24, 2],
        queue: [
          [24, 3],
          [24, 6],
        ],
        kind: 'staffed',
        serviceTime: { exponential_s: 60 },
        open: true,
      },
    ],
    zones: [
      { id: 'in', class: 'entrance', polygon: rect(0, 0, 5, 10) },
      { id: 'a', class: 'department', polygon: rect(5, 0, 12, 10) },
      { id: 'b', class: 'department', polygon: rect(12, 0, 19, 10) },
      { id: 'c', class: 'checkout', polygon: rect(19, 0, 26, 10) },
      { id: 'out', class: 'exit', polygon: rect(26, 0, 30, 10) },
    ],
    objects: [{ id: 'display', zone: 'b', obstacle: 'table', polygon: rect(13.5, 6.5, 16.5, 8.5) }],
    cameras: [
      top('cam-in', 'entrance', 2.5, 5),
      top('cam-a', 'department', 8.5, 5),
      top('cam-b', 'department', 15.5, 3),
      top('cam-c', 'checkout', 22.5, 8.5),
      { ...top('cam-line', 'checkout', 24, 4.5), hfov: 40, vfov: 70 },
      { ...top('cam-display', 'department', 15, 7.5), hfov: 50, vfov: 40, range: 2 },
      top('cam-out', 'exit', 28, 5),
    ],
    loop: ['in', 'a', 'b', 'c', 'out'],
    staffPosts: [
      { id: 'post-a', position: [8, 8], serves: ['a'] },
      { id: 'post-b', position: [16, 2], serves: ['b'] },
    ],
  });
}

const zoneOf: Record<string, string> = {
  'cam-in': 'in',
  'cam-a': 'a',
  'cam-b': 'b',
  'cam-c': 'c',
  'cam-line': 'c',
  'cam-display': 'b',
  'cam-out': 'out',
};
const classOf: Record<string, SightingV1['cameraClass']> = {
  'cam-in': 'entrance',
  'cam-a': 'department',
  'cam-b': 'department',
  'cam-c': 'checkout',
  'cam-line': 'checkout',
  'cam-display': 'department',
  'cam-out': 'exit',
};
const intervals = new DayIntervals('Europe/Stockholm');
let seq = 0;

/** A sighting on one of the test store's cameras. */
export function sighting(camera: string, t: number, group: number, attrs?: SightingV1['attrs']): SightingV1 {
  return {
    v: 1,
    type: 'sighting',
    store: 'test',
    camera,
    cameraClass: classOf[camera] ?? 'department',
    zone: zoneOf[camera] ?? 'a',
    group,
    interval: intervals.at(t).interval,
    t: Math.round(t),
    ...(attrs ? { attrs } : {}),
    seq: seq++,
  };
}

/** A door count on the test store's entrance or exit camera. */
export function count(direction: 'in' | 'out', n: number, t: number): CountV1 {
  return {
    v: 1,
    type: 'count',
    store: 'test',
    camera: direction === 'in' ? 'cam-in' : 'cam-out',
    zone: direction,
    direction,
    n,
    t: Math.round(t),
    seq: seq++,
  };
}

/**
 * A person's group for each sighting: their own group with probability √c, else any group, so that
 * two sightings of one person share a group with probability about c (the configured consistency).
 */
export function personGroups(home: number, groups: number, consistency: number, rng: Rng) {
  const keep = Math.sqrt(consistency);
  return () => (rng() < keep ? home : Math.floor(rng() * groups));
}

/** Sightings of one face kept in view on a camera: first sight at t, then every period. */
export function spell(
  camera: string,
  t: number,
  ms: number,
  group: () => number,
  repeatMs = 10_000,
  attrs?: SightingV1['attrs'],
): SightingV1[] {
  const out: SightingV1[] = [];
  for (let s = 0; s <= ms; s += repeatMs) out.push(sighting(camera, t + s, group(), attrs));
  return out;
}
