import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { rangeKpis } from '../../engine/server/kpis.ts';
import { LiveState } from '../../engine/server/liveState.ts';
import { StoreSource } from '../../engine/server/storeSource.ts';
import { type EventStore, MEMORY, openEventStore } from '../../engine/store/index.ts';
import { count, MIN, sighting, T0, testStore } from '../analytics/fixtures.ts';

// The server reads stores through the event store. Its live tick is kept incrementally; these
// tests hold it to what a fresh LiveState fed every event of the day up to the same moment says.

const store = testStore();
const CAMERAS = ['cam-a', 'cam-b', 'cam-c', 'cam-till', 'cam-display'];

/** A morning of door counts and sightings of 40 groups, in time order. */
function morning(seed: number): (SightingV1 | CountV1)[] {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const out: (SightingV1 | CountV1)[] = [];
  for (let t = T0; t < T0 + 90 * MIN; t += 5000 + Math.floor(rnd() * 20_000)) {
    if (rnd() < 0.3) out.push(count(rnd() < 0.6 ? 'in' : 'out', 1 + Math.floor(rnd() * 2), t));
    else out.push(sighting(CAMERAS[Math.floor(rnd() * CAMERAS.length)] as string, t, Math.floor(rnd() * 40)));
  }
  return out;
}

/** What a LiveState fed every event up to t says. */
function reference(events: readonly (SightingV1 | CountV1)[], t: number) {
  const state = new LiveState(store, 5);
  for (const e of events) if (e.t <= t) state.add(e, '2026-03-02');
  return state.tick(t);
}

describe('StoreSource: the server reading a store from its event store', () => {
  let db: EventStore;
  beforeAll(async () => {
    db = await openEventStore({ dir: MEMORY });
  });
  afterAll(async () => db?.close());

  let runs = 0;
  it('gives, moving forward tick by tick, what a fresh rebuild gives at every moment, and replays the past the same way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.integer({ min: 10_000, max: 600_000 }), { minLength: 3, maxLength: 12 }),
        async (seed, steps) => {
          // A store of its own per run (a seed may come round again; the fixtures' seqs do not).
          const id = `s${++runs}`;
          const events = morning(seed).map((e) => ({ ...e, store: id }));
          const layout = { ...store, id };
          await db.insert(events);
          let now = T0;
          const source = new StoreSource({ mode: 'live', stores: [{ layout }], events: db, now: () => now });
          for (const step of steps) {
            now += step;
            const live = await source.tickAt(layout.id, now);
            expect(live).toEqual({ ...reference(events, now), store: layout.id });
          }
          // A replay of an earlier moment, then back to now: both as if computed afresh.
          const past = T0 + Math.floor((now - T0) / 2);
          expect(await source.tickAt(layout.id, past)).toEqual({
            ...reference(events, past),
            store: layout.id,
          });
          expect(await source.tickAt(layout.id, now)).toEqual({
            ...reference(events, now),
            store: layout.id,
          });
        },
      ),
      { numRuns: 15 },
    );
  });

  it('never shows events past its watermark, and its KPIs are the door counts and sightings of the range', async () => {
    const events = morning(7).map((e) => ({ ...e, store: 'kpi' }));
    await db.insert(events);
    const now = T0 + 45 * MIN;
    const source = new StoreSource({
      mode: 'live',
      stores: [{ layout: { ...store, id: 'kpi' } }],
      events: db,
      now: () => now,
    });
    const tick = await source.tickAt('kpi', now + 30 * MIN);
    expect(tick.t).toBe(now);
    const from = T0 + 10 * MIN;
    const counts = events.filter((e): e is CountV1 => e.type === 'count');
    const sightings = events.filter((e) => e.type === 'sighting' && e.t >= from && e.t < now).length;
    expect(await source.kpis('kpi', from, now + 99 * MIN)).toEqual(
      rangeKpis('kpi', counts, from, now, sightings),
    );
    expect(await source.range('kpi')).toEqual({ from: events[0]?.t, to: now });
    await expect(source.tickAt('nowhere', now)).rejects.toThrow('no store "nowhere"');
  });
});
