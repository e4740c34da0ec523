import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VarvError } from '../../engine/errors.ts';
import type { VarvEvent } from '../../engine/events/index.ts';
import type { EventStore } from '../../engine/store/index.ts';
import { backends, HOOK_MS } from '../services.ts';
import {
  count,
  DAY,
  HOUR,
  health,
  normalised,
  sighting,
  sightings,
  simulatedEvents,
  T0,
} from './fixtures.ts';

// Issue 5, the event store: one interface, the same suite against PGlite and PostgreSQL. Each test
// uses its own store ids, so one database per engine serves the whole file.

const all = await backends();

describe.each(all)('EventStore on $name', (backend) => {
  let db: EventStore;
  beforeAll(async () => {
    if (!backend.skip) db = await backend.open();
  }, HOOK_MS);
  afterAll(() => backend.dispose(), HOOK_MS);
  const test = it.skipIf(backend.skip !== null);

  test('opens migrated to the current schema', () => {
    expect(db.engine).toBe(backend.name);
    expect(db.schemaVersion).toBe(1);
  });

  test('keeps the simulator’s events and gives them back by (t, seq), field for field', async () => {
    const events = simulatedEvents();
    const store = events[0]?.store as string;
    expect(await db.insert(events)).toEqual({ inserted: events.length, duplicates: 0, conflicts: [] });
    expect(await db.events(store)).toEqual(normalised(events));
    expect(await db.highestSeq(store)).toBe(Math.max(...events.map((e) => e.seq)));
    expect(await db.count(store)).toEqual({
      sighting: events.filter((e) => e.type === 'sighting').length,
      count: events.filter((e) => e.type === 'count').length,
      health: 0,
    });
  });

  test('re-inserting events is a no-op, counted as duplicates', async () => {
    const batch = [...sightings('dup', 40), count('dup', 40), health('dup', 41)];
    expect(await db.insert(batch)).toEqual({ inserted: 42, duplicates: 0, conflicts: [] });
    expect(await db.insert(batch)).toEqual({ inserted: 0, duplicates: 42, conflicts: [] });
    // Overlapping batches: only the new part is inserted.
    const more = sightings('dup', 20, 30).map((e) => (e.seq >= 40 ? sighting('dup', e.seq + 2) : e));
    expect(await db.insert(more)).toEqual({ inserted: 10, duplicates: 10, conflicts: [] });
    expect((await db.events('dup')).length).toBe(52);
  });

  test('a different event under a taken (store, seq) is reported and never overwrites the first', async () => {
    const first = sighting('clash', 7);
    await db.insert([first, count('clash', 8)]);
    const changed = { ...first, group: (first.group + 1) % 256 };
    const otherType = count('clash', 7);
    const r = await db.insert([changed, otherType, sighting('clash', 9), sighting('clash', 8)]);
    expect(r.inserted).toBe(1);
    expect(r.duplicates).toBe(0);
    expect(r.conflicts.map((c) => [c.seq, c.incoming.type, c.existingType])).toEqual([
      [7, 'sighting', 'sighting'],
      [7, 'count', 'sighting'],
      [8, 'sighting', 'count'],
    ]);
    expect(r.conflicts[0]?.incoming).toEqual(changed);
    expect(await db.get('clash', 7)).toEqual(first);
    expect(await db.get('clash', 8)).toEqual(count('clash', 8));
  });

  test('within one batch, a repeat is a duplicate and a different event under the same key a conflict', async () => {
    const e = sighting('inbatch', 1);
    const r = await db.insert([e, e, { ...e, zone: 'elsewhere' }, sighting('inbatch', 2)]);
    expect(r).toMatchObject({ inserted: 2, duplicates: 1 });
    expect(r.conflicts).toHaveLength(1);
    expect(await db.get('inbatch', 1)).toEqual(e);
  });

  test('seq is one key across all event types of a store, and separate per store', async () => {
    const batch: VarvEvent[] = [
      sighting('a', 1),
      count('a', 2),
      health('a', 3, T0, 'camera 2 reconnected'),
      sighting('b', 1),
    ];
    expect(await db.insert(batch)).toEqual({ inserted: 4, duplicates: 0, conflicts: [] });
    expect(await db.get('a', 3)).toEqual(health('a', 3, T0, 'camera 2 reconnected'));
    expect(await db.get('b', 1)).toEqual(sighting('b', 1));
    expect(await db.get('b', 2)).toBeUndefined();
    const seqs = await db.highestSeqs();
    expect(seqs.get('a')).toBe(3);
    expect(seqs.get('b')).toBe(1);
    expect(await db.highestSeq('nobody')).toBeNull();
  });

  test('gaps lists the seq ranges not (yet) held, from 0 to the highest', async () => {
    expect(await db.gaps('gappy')).toEqual([]);
    await db.insert([3, 4, 5, 9, 12, 13].map((seq) => sighting('gappy', seq)));
    expect(await db.gaps('gappy')).toEqual([
      { from: 0, to: 2 },
      { from: 6, to: 8 },
      { from: 10, to: 11 },
    ]);
    await db.insert([0, 1, 2, 6, 7, 8, 10, 11].map((seq) => count('gappy', seq)));
    expect(await db.gaps('gappy')).toEqual([]);
  });

  test('health events keep every number exactly (safe integers, doubles at both ends of the range)', async () => {
    const h = [health('nums', 0), health('nums', 1, T0 + 1, 'ünïcödé ✓ "quoted" {braces}, commas')];
    await db.insert(h);
    expect(await db.events('nums')).toEqual(h);
  });

  test('queries a time range by (t, seq), by type, and pages with after/limit', async () => {
    // Two events share each instant, and seq order disagrees with time order at the end.
    const batch: VarvEvent[] = [
      ...Array.from({ length: 10 }, (_, i) => sighting('range', i, T0 + Math.floor(i / 2) * 1000)),
      count('range', 10, T0),
      sighting('range', 11, T0 - 1000),
    ];
    await db.insert(batch);
    const inOrder = normalised(batch);
    expect((await db.events('range')).map((e) => e.seq)).toEqual([11, 0, 1, 10, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await db.events('range', { from: T0 + 1000, to: T0 + 3000 })).toEqual(
      inOrder.filter((e) => e.t >= T0 + 1000 && e.t < T0 + 3000),
    );
    expect((await db.events('range', { types: ['count'] })).map((e) => e.seq)).toEqual([10]);
    const pages: number[][] = [];
    let after: { t: number; seq: number } | undefined;
    for (;;) {
      const page = await db.events('range', { limit: 5, ...(after ? { after } : {}) });
      if (page.length === 0) break;
      pages.push(page.map((e) => e.seq));
      const last = page.at(-1) as VarvEvent;
      after = { t: last.t, seq: last.seq };
    }
    expect(pages).toEqual([
      [11, 0, 1, 10, 2],
      [3, 4, 5, 6, 7],
      [8, 9],
    ]);
    expect(await db.count('range', { from: T0, to: T0 + 1000 })).toEqual({
      sighting: 2,
      count: 1,
      health: 0,
    });
  });

  test('an invalid event refuses the whole batch before anything is written', async () => {
    const bad = { ...sighting('invalid', 2), group: -1 } as VarvEvent;
    await expect(db.insert([sighting('invalid', 1), bad])).rejects.toThrow(VarvError);
    await expect(db.insert([sighting('invalid', 1), bad])).rejects.toMatchObject({ code: 'E_EVENT_INVALID' });
    await expect(db.outbox.append([health('invalid', 3, T0, 'nul \u0000 inside')])).rejects.toMatchObject({
      code: 'E_EVENT_INVALID',
    });
    expect(await db.highestSeq('invalid')).toBeNull();
  });

  test('the outbox queues new events with them, atomically, and forgets what was marked sent', async () => {
    const batch = [...sightings('out', 5), count('out', 5)];
    expect(await db.outbox.append(batch)).toEqual({ inserted: 6, duplicates: 0, conflicts: [] });
    const before = await db.outbox.size();
    // A re-append queues nothing again; a conflict is reported and not queued.
    const r = await db.outbox.append([sighting('out', 0), { ...sighting('out', 1), zone: 'x' }]);
    expect(r).toMatchObject({ inserted: 0, duplicates: 1 });
    expect(r.conflicts).toHaveLength(1);
    expect(await db.outbox.size()).toBe(before);
    const pending = (await db.outbox.pending(1000)).filter((e) => e.store === 'out');
    expect(pending).toEqual(batch);
    expect(await db.outbox.markSent('out', [0, 1, 2, 99])).toBe(3);
    expect((await db.outbox.pending(1000)).filter((e) => e.store === 'out').map((e) => e.seq)).toEqual([
      3, 4, 5,
    ]);
    // Inserting (not appending) stores without queueing.
    await db.insert([sighting('out', 6)]);
    expect((await db.outbox.pending(1000)).some((e) => e.store === 'out' && e.seq === 6)).toBe(false);
    await db.outbox.markSent('out', [3, 4, 5]);
    expect((await db.outbox.pending(1000)).filter((e) => e.store === 'out')).toEqual([]);
    // The events themselves stay.
    expect((await db.events('out')).length).toBe(7);
  });

  test('pending(limit) pages through the queue in (store, seq) order', async () => {
    await db.outbox.append(sightings('paged', 25).reverse());
    const seen: number[] = [];
    for (;;) {
      const page = (await db.outbox.pending(10)).filter((e) => e.store === 'paged');
      if (page.length === 0) break;
      seen.push(...page.map((e) => e.seq));
      await db.outbox.markSent(
        'paged',
        page.map((e) => e.seq),
      );
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  test('retention rolls raw sightings up per zone and hour, deletes them, and keeps the rest', async () => {
    const store = 'ret';
    // Three hours of sightings, 40 days ago, plus counts and health among them; one still queued.
    const old = Array.from({ length: 180 }, (_, i) => sighting(store, i, T0 + i * 60_000));
    await db.insert([...old, count(store, 180, T0), health(store, 181, T0)]);
    await db.outbox.append([sighting(store, 182, T0 + 5 * 60_000)]);
    const now = T0 + 40 * DAY;
    const hourlyBefore = await db.hourlySightings(store);
    expect(hourlyBefore.reduce((s, h) => s + h.sightings, 0)).toBe(181);

    const r = await db.applyRetention({ now });
    expect(r.cutoff).toBe(Math.floor((now - 30 * DAY) / HOUR) * HOUR);
    // The first hour holds a queued sighting: it stays whole until that one is sent.
    expect(r.deleted).toBeGreaterThanOrEqual(120); // other tests' stores are older than 30 days too
    expect(await db.count(store)).toEqual({ sighting: 61, count: 1, health: 1 });
    expect(await db.hourlySightings(store)).toEqual(hourlyBefore);
    // The key stays: a late re-send of a deleted sighting is still a duplicate, not counted twice.
    expect(await db.insert([sighting(store, 100, T0 + 100 * 60_000)])).toEqual({
      inserted: 0,
      duplicates: 1,
      conflicts: [],
    });
    expect(await db.hourlySightings(store)).toEqual(hourlyBefore);
    // Once sent, the first hour goes at the next run, its distinct groups counted exactly.
    await db.outbox.markSent(store, [182]);
    expect(await db.applyRetention({ now })).toMatchObject({ deleted: 61 });
    expect(await db.hourlySightings(store)).toEqual(hourlyBefore);
    expect(await db.count(store)).toEqual({ sighting: 0, count: 1, health: 1 });
  });

  test('retention keeps sightings younger than the configured number of days', async () => {
    const store = 'young';
    await db.insert(sightings(store, 10));
    expect((await db.applyRetention({ now: T0 + 5 * DAY, days: 7 })).cutoff).toBeLessThan(T0);
    expect((await db.count(store)).sighting).toBe(10);
    await db.applyRetention({ now: T0 + 5 * DAY, days: 1 });
    expect((await db.count(store)).sighting).toBe(0);
    expect((await db.hourlySightings(store)).reduce((s, h) => s + h.sightings, 0)).toBe(10);
    await expect(db.applyRetention({ now: T0, days: -1 })).rejects.toMatchObject({ code: 'E_CONFIG' });
  });

  test('hourly sightings count distinct groups per zone and hour', async () => {
    const store = 'hourly';
    const mk = (seq: number, zone: string, group: number, t: number) => ({
      ...sighting(store, seq, t),
      zone,
      group,
    });
    await db.insert([
      mk(0, 'dairy', 1, T0),
      mk(1, 'dairy', 1, T0 + 10),
      mk(2, 'dairy', 2, T0 + 20),
      mk(3, 'bakery', 1, T0 + 30),
      mk(4, 'dairy', 1, T0 + HOUR),
    ]);
    const expected = [
      { zone: 'bakery', hour: T0, sightings: 1, groups: 1 },
      { zone: 'dairy', hour: T0, sightings: 3, groups: 2 },
      { zone: 'dairy', hour: T0 + HOUR, sightings: 1, groups: 1 },
    ];
    expect(await db.hourlySightings(store)).toEqual(expected);
    expect(await db.hourlySightings(store, { from: T0 + HOUR })).toEqual(expected.slice(2));
  });
});

describe.skipIf(all.some((b) => b.skip !== null))('PGlite and PostgreSQL', () => {
  it('give the same answers for the same events', async () => {
    const events = simulatedEvents();
    const store = events[0]?.store as string;
    const answers = [];
    for (const backend of all) {
      const db = await backend.open();
      await db.outbox.append(events.slice(0, 700));
      await db.insert(events);
      answers.push({
        events: await db.events(store),
        hourly: await db.hourlySightings(store),
        count: await db.count(store),
        highest: [...(await db.highestSeqs())],
        pending: (await db.outbox.pending(10_000)).length,
      });
      await backend.dispose();
    }
    expect(answers[1]).toEqual(answers[0]);
  });
});
