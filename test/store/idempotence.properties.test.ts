import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VarvEvent } from '../../engine/events/index.ts';
import type { EventStore, InsertResult } from '../../engine/store/index.ts';
import { backends, HOOK_MS } from '../services.ts';
import { count, health, normalised, sighting } from './fixtures.ts';

// Issue 5: however batches are split, repeated, interleaved (run concurrently) or sent through the
// outbox instead of a plain insert, the store ends with exactly the set of distinct events; and a
// different event under a taken key never replaces the one that holds it.

const all = await backends();

/** A key: which of two stores, and a seq; the event under it is made from these alone. */
const keyArb = fc.record({ store: fc.constantFrom(0, 1), seq: fc.nat(60), kind: fc.constantFrom(0, 1, 2) });
const universeArb = fc.uniqueArray(keyArb, {
  minLength: 1,
  maxLength: 30,
  selector: (k) => `${k.store}/${k.seq}`,
});
/** Batches as indices into the universe (repeats allowed), each sent by insert or by outbox append. */
const batchesArb = (n: number) =>
  fc.array(fc.record({ picks: fc.array(fc.nat(n - 1), { maxLength: 20 }), viaOutbox: fc.boolean() }), {
    minLength: 1,
    maxLength: 8,
  });

function make(run: number, k: { store: number; seq: number; kind: number }, variant = 0): VarvEvent {
  const store = `p${run}-${k.store}`;
  const e = k.kind === 0 ? sighting(store, k.seq) : k.kind === 1 ? count(store, k.seq) : health(store, k.seq);
  if (variant === 0) return e;
  return e.type === 'sighting' ? { ...e, group: (e.group + variant) % 256 } : { ...e, t: e.t + variant };
}

async function send(
  db: EventStore,
  batches: { events: VarvEvent[]; viaOutbox: boolean }[],
  concurrent: boolean,
) {
  const one = (b: { events: VarvEvent[]; viaOutbox: boolean }) =>
    b.viaOutbox ? db.outbox.append(b.events) : db.insert(b.events);
  if (concurrent) return Promise.all(batches.map(one));
  const out: InsertResult[] = [];
  for (const b of batches) out.push(await one(b));
  return out;
}

async function held(db: EventStore, run: number): Promise<VarvEvent[]> {
  return normalised([...(await db.events(`p${run}-0`)), ...(await db.events(`p${run}-1`))]);
}

describe.each(all)('idempotent inserts on $name', (backend) => {
  let db: EventStore;
  let run = 0;
  beforeAll(async () => {
    if (!backend.skip) db = await backend.open();
  }, HOOK_MS);
  afterAll(() => backend.dispose(), HOOK_MS);
  const test = it.skipIf(backend.skip !== null);

  test('any split, repetition and interleaving of batches ends with exactly the distinct events', async () => {
    await fc.assert(
      fc.asyncProperty(
        universeArb.chain((u) => fc.tuple(fc.constant(u), batchesArb(u.length), fc.boolean())),
        async ([universe, plan, concurrent]) => {
          const r = ++run;
          const batches = plan.map((b) => ({
            events: b.picks.map((i) => make(r, universe[i] as (typeof universe)[number])),
            viaOutbox: b.viaOutbox,
          }));
          const results = await send(db, batches, concurrent);
          const offered = batches.flatMap((b) => b.events);
          const distinct = new Map(offered.map((e) => [`${e.store}/${e.seq}`, e]));
          expect(await held(db, r)).toEqual(normalised([...distinct.values()]));
          expect(results.flatMap((x) => x.conflicts)).toEqual([]);
          expect(results.reduce((s, x) => s + x.inserted, 0)).toBe(distinct.size);
          expect(results.reduce((s, x) => s + x.inserted + x.duplicates, 0)).toBe(offered.length);
          // Queued: exactly the distinct events that came through the outbox first... or at all,
          // since a plain insert never queues and an append queues only what it inserted.
          const queued = (await db.outbox.pending(10_000)).filter((e) => e.store.startsWith(`p${r}-`));
          for (const e of queued) expect(distinct.get(`${e.store}/${e.seq}`)).toEqual(e);
          expect(queued.length).toBeLessThanOrEqual(distinct.size);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('a different event under a taken key is always reported and never replaces the holder', async () => {
    await fc.assert(
      fc.asyncProperty(
        universeArb.chain((u) =>
          fc.tuple(
            fc.constant(u),
            fc.array(fc.array(fc.tuple(fc.nat(u.length - 1), fc.nat(2)), { maxLength: 15 }), {
              minLength: 1,
              maxLength: 6,
            }),
            fc.boolean(),
          ),
        ),
        async ([universe, plan, concurrent]) => {
          const r = ++run;
          const batches = plan.map((b) => ({
            events: b.map(([i, variant]) => make(r, universe[i] as (typeof universe)[number], variant)),
            viaOutbox: false,
          }));
          const results = await send(db, batches, concurrent);
          const stored = new Map((await held(db, r)).map((e) => [`${e.store}/${e.seq}`, e]));
          const offered = batches.flatMap((b) => b.events);
          // Every key offered is held by one of the events offered under it...
          for (const e of offered) expect(stored.has(`${e.store}/${e.seq}`)).toBe(true);
          // ...and every offer of anything else under that key came back as a conflict.
          const differing = offered.filter(
            (e) => JSON.stringify(normalised([e])) !== JSON.stringify([stored.get(`${e.store}/${e.seq}`)]),
          );
          const conflicts = results.flatMap((x) => x.conflicts);
          expect(conflicts.length).toBe(differing.length);
          expect(results.reduce((s, x) => s + x.inserted, 0)).toBe(stored.size);
          if (!concurrent) {
            // Sequentially, the first offer under a key is the one kept.
            const first = new Map<string, VarvEvent>();
            for (const e of offered)
              if (!first.has(`${e.store}/${e.seq}`)) first.set(`${e.store}/${e.seq}`, e);
            expect(await held(db, r)).toEqual(normalised([...first.values()]));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
