import { type JetStreamClient, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import fc from 'fast-check';
import { VarvError } from '../../engine/errors.ts';
import type { VarvEvent } from '../../engine/events/index.ts';
import { type EventStore, eventDigest } from '../../engine/store/index.ts';
import {
  Backoff,
  ensureStream,
  type IngestStats,
  JetStreamIngest,
  messageId,
  type RejectKind,
  subjectFor,
} from '../../engine/uplink/index.ts';
import { count, health, sighting } from '../store/fixtures.ts';

// Bad input for the cloud's event intake, over a real broker: a batch of messages published to the
// events stream in a random order, mixing valid events with replays (the same message again, which
// the broker drops; the same event under another message id), conflicting events (another event
// under a key that is taken), and bad ones: random bytes, text that is not JSON, JSON that is not
// an event, an event on another store's subject (forged: with per-store publish permissions the
// subject is who sent it), an event whose message id is not its key, an event of a store this
// cloud does not take, a health event with a NUL the database cannot hold. A model run over the
// same messages in publish order says what must happen to each; the intake must do exactly that:
// every bad message refused with a reason of the right kind, every good event stored once (the
// first under its key), no failed round, nothing accepted twice.

type Msg = { subject: string; data: Uint8Array; msgID?: string; what: string };
/** What must become of a message the broker keeps. */
type Fate = { kind: 'event'; event: VarvEvent } | { kind: 'reject'; reject: RejectKind };

const enc = new TextEncoder();
const json = (v: unknown) => enc.encode(JSON.stringify(v));

/**
 * One message of a run's mix, as a function of the run's name (its stores are `${run}-a` and
 * `${run}-b`; `${run}-intruder` is a store the cloud does not take), so that runs stay apart.
 */
function messageArb(prefix: string): fc.Arbitrary<(run: string) => Msg> {
  const key = fc.record({ b: fc.boolean(), seq: fc.nat(15), kind: fc.nat(2) });
  const eventOf =
    ({ b, seq, kind }: { b: boolean; seq: number; kind: number }) =>
    (run: string): VarvEvent => {
      const store = `${run}-${b ? 'b' : 'a'}`;
      return kind === 0 ? sighting(store, seq) : kind === 1 ? count(store, seq) : health(store, seq);
    };
  const good = (e: VarvEvent): Msg => ({
    subject: subjectFor(e, prefix),
    data: json(e),
    msgID: messageId(e),
    what: 'event',
  });
  const other = (e: VarvEvent, z: number): VarvEvent =>
    e.type === 'sighting'
      ? { ...e, group: z }
      : e.type === 'count'
        ? { ...e, n: 1 + z }
        : { ...e, framesIn: z };
  return fc.oneof(
    { weight: 6, arbitrary: key.map((k) => (run: string) => good(eventOf(k)(run))) },
    // The same key with other content: a conflict (if another event holds it) or a new event.
    {
      weight: 2,
      arbitrary: fc.tuple(key, fc.nat(999)).map(
        ([k, z]) =>
          (run: string) =>
            good(other(eventOf(k)(run), z)),
      ),
    },
    {
      weight: 1,
      arbitrary: key.map((k) => (run: string) => {
        const e = eventOf(k)(run);
        return { ...good(e), msgID: `${e.store}:${e.seq}`, what: 'other-id' };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 300 }).map((data) => (run: string) => ({
        subject: `${prefix}.sighting.${run}-a`,
        data,
        what: 'bytes',
      })),
    },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 100 }).map((text) => (run: string) => ({
        subject: `${prefix}.count.${run}-b`,
        data: enc.encode(`{${text}`),
        what: 'not-json',
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(key, fc.constantFrom('v', 'seq', 't', 'store', 'type', 'group', 'embedding'), fc.jsonValue())
        .map(([k, field, v]) => (run: string) => {
          const e = eventOf(k)(run);
          // An object where a scalar belongs, or an embedding: never a valid event.
          const bad = field === 'embedding' ? [0.1, 0.2] : { v };
          return { ...good(e), data: json({ ...e, [field]: bad }), what: 'not-an-event' };
        }),
    },
    {
      weight: 1,
      arbitrary: key.map((k) => (run: string) => {
        const e = eventOf(k)(run);
        const elsewhere = { ...e, store: e.store.endsWith('-a') ? `${run}-b` : `${run}-a` } as VarvEvent;
        return { ...good(e), subject: subjectFor(elsewhere, prefix), what: 'forged-subject' };
      }),
    },
    {
      weight: 1,
      arbitrary: key.map((k) => (run: string) => ({
        ...good({ ...eventOf(k)(run), store: `${run}-intruder` } as VarvEvent),
        what: 'unknown-store',
      })),
    },
    {
      weight: 1,
      arbitrary: fc.nat(15).map((seq) => (run: string) => ({
        ...good(health(`${run}-a`, seq, undefined, 'bad\u0000byte')),
        what: 'nul',
      })),
    },
  );
}

/** The fate of each message the broker kept, in publish order (duplicates by message id are dropped). */
function model(msgs: Msg[], kept: boolean[]): { fates: Fate[]; store: Map<string, VarvEvent> } {
  const held = new Map<string, VarvEvent>();
  const fates: Fate[] = [];
  const reject = (r: RejectKind) => fates.push({ kind: 'reject', reject: r });
  const invalid = new Set(['bytes', 'not-json', 'not-an-event', 'nul']);
  msgs.forEach((m, i) => {
    if (!kept[i]) return;
    if (invalid.has(m.what)) reject('invalid');
    else if (m.what === 'forged-subject' || m.what === 'other-id') reject('subject');
    else if (m.what === 'unknown-store') reject('store');
    else {
      const e = JSON.parse(new TextDecoder().decode(m.data)) as VarvEvent;
      const k = `${e.store}:${e.seq}`;
      if (!held.has(k)) held.set(k, e);
      fates.push({ kind: 'event', event: e });
    }
  });
  return { fates, store: held };
}

export type IntakeFuzzOutcome = {
  messages: number;
  kept: number;
  rejected: Record<RejectKind, number>;
  stored: number;
};

/**
 * Publishes `msgs` (to the broker at `url`, stream prefix `prefix`), waits until the intake has
 * fetched every message the broker kept, and checks the outcome against the model; throws what
 * differs. `ingest` must be running with `stores` allowing `${run}-a` and `${run}-b` only, and report
 * its rejections and batches through `watch`.
 */
export async function checkIntake(
  o: { js: JetStreamClient; cloud: EventStore; watch: IntakeWatch; run: string },
  msgs: Msg[],
): Promise<IntakeFuzzOutcome> {
  const kept: boolean[] = [];
  for (const m of msgs) {
    const ack = await o.js.publish(m.subject, m.data, m.msgID ? { msgID: m.msgID } : {});
    kept.push(!ack.duplicate);
  }
  const want = kept.filter(Boolean).length;
  const before = o.watch.received;
  await o.watch.until(before + want);
  const { fates, store } = model(msgs, kept);
  const rejected = { invalid: 0, subject: 0, store: 0 };
  for (const f of fates) if (f.kind === 'reject') rejected[f.reject]++;
  const got = o.watch.takeRejected();
  const gotKinds = { invalid: 0, subject: 0, store: 0 };
  for (const r of got) {
    gotKinds[r.kind]++;
    if (r.reason.trim() === '') throw new Error(`a rejection without a reason (${r.kind}, ${r.subject})`);
  }
  if (JSON.stringify(gotKinds) !== JSON.stringify(rejected))
    throw new Error(
      `rejections ${JSON.stringify(gotKinds)}, the model says ${JSON.stringify(rejected)}: ${got.map((r) => `${r.kind}: ${r.reason}`).join(' | ')}`,
    );
  if (o.watch.failures > 0)
    throw new Error(`the intake failed ${o.watch.failures} rounds: ${o.watch.lastError}`);
  // The cloud holds, for every key of this run, the first event sent under it, once.
  for (const s of [`${o.run}-a`, `${o.run}-b`, `${o.run}-intruder`]) {
    const inCloud = await o.cloud.events(s);
    const expected = [...store.values()].filter((e) => e.store === s);
    if (inCloud.length !== expected.length)
      throw new Error(`store ${s}: the cloud holds ${inCloud.length} events, the model ${expected.length}`);
    for (const e of expected) {
      const c = await o.cloud.get(e.store, e.seq);
      if (!c || eventDigest(c) !== eventDigest(e))
        throw new Error(
          `store ${s} seq ${e.seq}: the cloud holds ${JSON.stringify(c)}, not the first sent ${JSON.stringify(e)}`,
        );
    }
  }
  return { messages: msgs.length, kept: want, rejected, stored: store.size };
}

/** Follows a running intake: its totals, its rejections, and a promise for "received at least n". */
export class IntakeWatch {
  received = 0;
  failures = 0;
  lastError = '';
  private rejections: { reason: string; subject: string; kind: RejectKind }[] = [];
  private waiting: { n: number; resolve: () => void }[] = [];

  hooks() {
    return {
      onBatch: (s: IngestStats) => {
        this.received = s.received;
        const due = this.waiting.filter((w) => w.n <= this.received);
        this.waiting = this.waiting.filter((w) => w.n > this.received);
        for (const w of due) w.resolve();
      },
      onRejected: (reason: string, subject: string, kind: RejectKind) => {
        this.rejections.push({ reason, subject, kind });
      },
      onError: (e: unknown) => {
        this.failures++;
        this.lastError = (e as Error).message;
      },
    };
  }

  until(n: number): Promise<void> {
    if (this.received >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ n, resolve }));
  }

  takeRejected() {
    return this.rejections.splice(0);
  }
}

/** A running intake on its own stream prefix, a publisher, and the pieces checkIntake needs. */
export async function intakeRig(url: string, cloud: EventStore, prefix: string, runs: () => string[]) {
  const watch = new IntakeWatch();
  const stream = {
    name: prefix.replaceAll('.', '_').toUpperCase(),
    subjectPrefix: prefix,
    duplicateWindowMs: 600_000,
    maxAgeMs: 3_600_000,
  };
  const ingest = new JetStreamIngest(cloud, url, {
    stream,
    durable: `${stream.name}_fuzz`,
    batch: 50,
    expiresMs: 1000,
    // Short, so that a refused message that is not really terminated comes back during the runs.
    ackWaitMs: 3000,
    backoff: new Backoff(10, 200),
    stores: (s) => runs().some((r) => s === `${r}-a` || s === `${r}-b`),
    ...watch.hooks(),
  });
  // A plain connection makes the stream (as the intake would) and publishes into it.
  const nc: NatsConnection = await connect({ servers: url });
  await ensureStream(await jetstreamManager(nc), stream);
  const js = jetstream(nc);
  ingest.start();
  return {
    js,
    watch,
    stream,
    async close() {
      await ingest.stop();
      await nc.close();
    },
  };
}

/** A run's messages: 5 to 40 of the mix, in random order, for the run named. */
export function messagesArb(prefix: string): fc.Arbitrary<(run: string) => Msg[]> {
  return fc
    .array(messageArb(prefix), { minLength: 5, maxLength: 40 })
    .map((makers) => (run: string) => makers.map((make) => make(run)));
}

/** The cloud store's insert on anything: a result, or E_EVENT_INVALID naming the event and a path; the batch all or nothing. */
export async function insertAnything(
  cloud: EventStore,
  store: string,
  batch: unknown[],
): Promise<'stored' | 'refused'> {
  const before = await cloud.count(store);
  try {
    await cloud.insert(batch as VarvEvent[]);
    return 'stored';
  } catch (e) {
    if (!(e instanceof VarvError) || e.code !== 'E_EVENT_INVALID')
      throw new Error(
        `insert threw something other than E_EVENT_INVALID: ${(e as Error)?.stack ?? String(e)}`,
      );
    if (!/^event \d+ \(.*\)(: a message cannot hold a NUL| is not a valid event: \S+)/.test(e.message))
      throw new Error(`an unclear refusal: ${e.message}`);
    const after = await cloud.count(store);
    if (JSON.stringify(after) !== JSON.stringify(before))
      throw new Error(
        `a refused batch changed the store: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
      );
    return 'refused';
  }
}
