import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../engine/store/index.ts';
import { messageId, openUplink, subjectFor } from '../../engine/uplink/index.ts';
import { HOOK_MS, memoryStore, natsServerSkip } from '../services.ts';
import { health, mixedEvents, sighting } from '../store/fixtures.ts';
import { NatsServer } from '../uplink/natsServer.ts';
import { checkIntake, insertAnything, intakeRig, messagesArb } from './ingestFuzz.ts';

// Issue 10, bad input at the cloud's event intake: malformed, replayed, out of order, forged.
// "Forged" here: an event on a subject that is not its own store's (with per-store publish
// permissions on the broker, the subject is who sent it; test/uplink/natsCredentials.test.ts shows
// the broker enforcing them), a message id that is not the event's, or a store this cloud does not
// take. See ingestFuzz.ts for the model the intake is held to. `npm run soak` runs more.

const RUNS = Number(process.env.VARV_FUZZ_RUNS ?? 8);
const skip = natsServerSkip();

describe('the cloud store’s insert, on anything', () => {
  let cloud: EventStore;
  beforeAll(async () => {
    cloud = await memoryStore();
  }, HOOK_MS);
  afterAll(async () => {
    await cloud?.close();
  });

  it('stores valid batches, and refuses any other whole with E_EVENT_INVALID naming the event and a path', async () => {
    const valid = fc.nat(50).map((seq) => sighting('insert-fuzz', seq) as unknown);
    const broken = fc.oneof(
      fc.jsonValue(),
      fc
        .tuple(fc.nat(50), fc.string(), fc.jsonValue())
        .map(([seq, k, v]) => ({ ...sighting('insert-fuzz', seq), [k]: v })),
      fc.nat(50).map((seq) => health('insert-fuzz', seq, undefined, 'nul\u0000here')),
    );
    const seen = { stored: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 4, arbitrary: valid }, broken), { maxLength: 12 }),
        async (batch) => {
          seen[await insertAnything(cloud, 'insert-fuzz', batch)]++;
        },
      ),
      { numRuns: RUNS * 5 },
    );
    expect(seen.stored).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});

describe.skipIf(skip !== null)('the cloud’s intake over JetStream', () => {
  let server: NatsServer;
  let cloud: EventStore;
  let rig: Awaited<ReturnType<typeof intakeRig>>;
  const runs: string[] = [];
  beforeAll(async () => {
    [server, cloud] = await Promise.all([NatsServer.start(), memoryStore()]);
    rig = await intakeRig(server.url, cloud, 'varv.events', () => runs);
  }, HOOK_MS);
  afterAll(async () => {
    await rig?.close();
    await Promise.all([cloud?.close(), server?.dispose()]);
  }, HOOK_MS);

  it('refuses every bad message with a reason of its kind, stores each good event once, fails no round', async () => {
    const totals = { messages: 0, invalid: 0, subject: 0, store: 0, stored: 0 };
    await fc.assert(
      fc.asyncProperty(messagesArb('varv.events'), async (make) => {
        const run = `r${runs.length}`;
        runs.push(run);
        const out = await checkIntake({ js: rig.js, cloud, watch: rig.watch, run }, make(run));
        totals.messages += out.messages;
        totals.invalid += out.rejected.invalid;
        totals.subject += out.rejected.subject;
        totals.store += out.rejected.store;
        totals.stored += out.stored;
      }),
      // Runs share the broker and the cloud store: shrinking would replay into a changed world.
      { numRuns: RUNS, endOnFailure: true },
    );
    // The mix really had each kind in it.
    for (const [k, n] of Object.entries(totals)) expect(n, k).toBeGreaterThan(0);
  }, 120_000);

  it('a message id taken first by someone else does not suppress the real event', async () => {
    // Store "mallory" may publish only on its own subjects, but a message id is anything it likes.
    // With ids of the form store:seq it could take "victim:7" before the victim sends seq 7, and the
    // broker would drop the real event as a duplicate; with the content's digest in the id it cannot.
    rig.watch.takeRejected();
    const nc = await connect({ servers: server.url });
    const js = jetstream(nc);
    const run = `r${runs.length}`;
    runs.push(run);
    const real = sighting(`${run}-a`, 100);
    const guess = { ...real, group: real.group + 1 };
    const enc = new TextEncoder();
    const before = rig.watch.received;
    const onMallorysSubject = `varv.events.sighting.mallory`;
    // What the old id scheme allowed: the same store:seq id, published first, makes the broker drop the second.
    const a = await js.publish(onMallorysSubject, enc.encode('{}'), { msgID: `${real.store}:${real.seq}` });
    const b = await js.publish(subjectFor(real), enc.encode(JSON.stringify(real)), {
      msgID: `${real.store}:${real.seq}`,
    });
    expect([a.duplicate, b.duplicate]).toEqual([false, true]);
    // Now the forger guesses the event but not exactly: its id differs, and the real one goes through.
    await js.publish(onMallorysSubject, enc.encode(JSON.stringify(guess)), { msgID: messageId(guess) });
    const local = await memoryStore();
    try {
      await local.outbox.append([real]);
      const pump = openUplink({ outbox: local.outbox, natsUrl: server.url, env: {} });
      const sent = await pump.drain();
      await pump.stop();
      expect(sent).toMatchObject({ sent: 1, duplicates: 0 });
      await rig.watch.until(before + 3); // a, guess and the real one (b was dropped)
      expect(await cloud.get(real.store, real.seq)).toEqual(real);
    } finally {
      await local.close();
      await nc.close();
    }
    rig.watch.takeRejected();
  }, 60_000);

  it('redelivers nothing it refused, and a refused message does not hold back its batch', async () => {
    // A NUL in a health message passes the wire schema but not PostgreSQL's text: the batch is sifted.
    rig.watch.takeRejected();
    const run = `r${runs.length}`;
    runs.push(run);
    const nc = await connect({ servers: server.url });
    const js = jetstream(nc);
    const events = mixedEvents(`${run}-a`, 30);
    const nul = health(`${run}-a`, 30, undefined, 'a\u0000b');
    const enc = new TextEncoder();
    const before = rig.watch.received;
    for (const e of [...events.slice(0, 15), nul, ...events.slice(15)])
      await js.publish(subjectFor(e), enc.encode(JSON.stringify(e)), { msgID: messageId(e) });
    await rig.watch.until(before + 31);
    await nc.close();
    expect(await cloud.events(`${run}-a`)).toHaveLength(30);
    const refused = rig.watch.takeRejected();
    expect(refused.map((r) => `${r.kind}: ${r.reason}`)).toEqual([expect.stringMatching(/^invalid: .*NUL/)]);
    expect(rig.watch.failures).toBe(0);
  }, 60_000);
});
