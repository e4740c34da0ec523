import type { CountV1, HealthV1, SightingV1, VarvEvent } from '../../engine/events/index.ts';
import { loadScenarioFile } from '../../engine/layout/index.ts';
import { runStoreDays } from '../../scenarios/sim/index.ts';

/** 2026-03-02 08:00 UTC, a Monday: the synthetic events' first instant. */
export const T0 = Date.UTC(2026, 2, 2, 8);
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

let smoke: readonly (SightingV1 | CountV1)[] | undefined;
/** The demo grocery's smoke run through the simulator: ~1,300 real sighting and count events. */
export function simulatedEvents(): readonly (SightingV1 | CountV1)[] {
  if (!smoke) {
    const events: (SightingV1 | CountV1)[] = [];
    runStoreDays(loadScenarioFile('scenarios/runs/demo-grocery-smoke.json'), {
      event: (e) => events.push(e),
    });
    smoke = events;
  }
  return smoke;
}

const zones = ['entrance', 'produce', 'bakery', 'dairy', 'checkout'] as const;
const intervals = ['morning', 'lunch', 'afternoon'] as const;

/** A valid sighting, every field derived from `seq` (so re-making it gives the same event). */
export function sighting(store: string, seq: number, t = T0 + seq * 1000): SightingV1 {
  return {
    v: 1,
    type: 'sighting',
    store,
    camera: `cam-${seq % 7}`,
    cameraClass: 'department',
    zone: zones[seq % zones.length] as string,
    group: (seq * 2654435761) % 256,
    interval: intervals[Math.floor(seq / 97) % 3] as SightingV1['interval'],
    t,
    ...(seq % 3 === 0 ? { attrs: { gender: seq % 2 ? 'man' : 'woman', age: '30-44' } } : {}),
    seq,
  } as SightingV1;
}

/** `n` sightings of one store, seq `from`…`from + n - 1`, one a second. */
export function sightings(store: string, n: number, from = 0): SightingV1[] {
  return Array.from({ length: n }, (_, i) => sighting(store, from + i));
}

export function count(store: string, seq: number, t = T0 + seq * 1000): CountV1 {
  return {
    v: 1,
    type: 'count',
    store,
    camera: 'cam-entrance',
    zone: 'entrance',
    direction: 'in',
    n: 1 + (seq % 4),
    t,
    seq,
  };
}

export function health(store: string, seq: number, t = T0 + seq * 1000, message?: string): HealthV1 {
  return {
    v: 1,
    type: 'health',
    store,
    source: 'engine',
    status: 'ok',
    framesIn: 9_007_199_254_740_991 - seq,
    framesDropped: seq,
    pixelLifetimeMs: { count: 1200, p50: 0.1 + seq / 3, p90: Math.PI, p99: 1e-300, max: Number.MAX_VALUE },
    ...(message === undefined ? {} : { message }),
    t,
    seq,
  };
}

/** `n` events of one store, mostly sightings, a count every 10th seq and a health report every 50th. */
export function mixedEvents(store: string, n: number, from = 0): VarvEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const seq = from + i;
    return seq % 50 === 49
      ? health(store, seq, T0 + seq * 1000, `${seq} frames`)
      : seq % 10 === 9
        ? count(store, seq)
        : sighting(store, seq);
  });
}

/** Events as the store hands them back: by (t, seq) (then store), `attrs: {}` dropped (it says nothing). */
export function normalised(events: readonly VarvEvent[]): VarvEvent[] {
  return [...events]
    .map((e) =>
      e.type === 'sighting' && e.attrs && !e.attrs.gender && !e.attrs.age
        ? (({ attrs: _, ...rest }) => rest as VarvEvent)(e)
        : e,
    )
    .sort((a, b) => a.t - b.t || a.seq - b.seq || (a.store < b.store ? -1 : a.store > b.store ? 1 : 0));
}
