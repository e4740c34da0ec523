import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VarvEvent } from '../../engine/events/index.ts';
import type { EventStore } from '../../engine/store/index.ts';
import {
  Backoff,
  DUPLICATE_WINDOW_MS,
  type IngestStats,
  JetStreamIngest,
  messageId,
  openUplink,
  type StreamSpec,
  subjectFor,
} from '../../engine/uplink/index.ts';
import { HOOK_MS, memoryStore, natsSkip, TEST_NATS_URL, uniqueName } from '../services.ts';
import { mixedEvents, sighting, sightings } from '../store/fixtures.ts';

// Issue 5, the uplink over NATS JetStream (the shared test broker, VARV_TEST_NATS_URL or
// 127.0.0.1:4222): message id = store:seq so the broker drops re-sends, sent only after the ack,
// and a durable pull consumer that writes to the cloud store and acks after the commit. Each run
// has a stream of its own, deleted afterwards.

const skip = await natsSkip();
/** Sightings with counts and health reports among them, of one store. */
const EVENTS = mixedEvents('demo-grocery', 1500);
const name = uniqueName('VARV_TEST').toUpperCase();
const stream: StreamSpec = {
  name,
  subjectPrefix: `varvtest.${name}`,
  duplicateWindowMs: DUPLICATE_WINDOW_MS,
  maxAgeMs: 3_600_000, // a run that dies before deleting its stream leaves nothing for long
};

/** The stream as the broker reports it. */
async function streamInfo() {
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    return await (await jetstreamManager(nc)).streams.info(stream.name);
  } finally {
    await nc.close();
  }
}

async function streamMessages(): Promise<number> {
  return (await streamInfo()).state.messages;
}

/** Resolves when the ingest's totals satisfy `done`. */
function ingestUntil(
  opts: ConstructorParameters<typeof JetStreamIngest>[2],
  done: (s: IngestStats) => boolean,
) {
  let resolve: (s: IngestStats) => void = () => {};
  const reached = new Promise<IngestStats>((r) => {
    resolve = r;
  });
  return {
    opts: {
      ...opts,
      onBatch: (s: IngestStats) => {
        if (done(s)) resolve(s);
      },
    },
    reached,
  };
}

describe.skipIf(skip !== null)('the uplink over NATS JetStream', () => {
  let local: EventStore;
  let cloud: EventStore;
  beforeAll(async () => {
    [local, cloud] = await Promise.all([memoryStore(), memoryStore()]);
  }, HOOK_MS);
  afterAll(async () => {
    await Promise.all([local?.close(), cloud?.close()]);
    const nc = await connect({ servers: TEST_NATS_URL });
    await (await jetstreamManager(nc)).streams.delete(stream.name).catch(() => {});
    await nc.close();
  }, HOOK_MS);

  it('names messages store:seq:digest on per-type subjects', () => {
    const e = sighting('demo.grocery', 42);
    expect(messageId(e)).toMatch(/^demo\.grocery:42:[0-9a-f]{32}$/);
    expect(messageId({ ...e, group: e.group + 1 })).not.toBe(messageId(e));
    expect(subjectFor(e)).toBe('varv.events.sighting.demo_grocery');
  });

  it('publishes the outbox, and the durable consumer stores every event once and acks after the commit', async () => {
    const events = EVENTS;
    const store = events[0]?.store as string;
    await local.outbox.append(events);
    const pump = openUplink({ outbox: local.outbox, natsUrl: TEST_NATS_URL, jetstream: { stream }, env: {} });
    expect(pump.transport.kind).toBe('nats');
    expect(await pump.drain()).toEqual({ sent: events.length, duplicates: 0, conflicts: 0, failures: 0 });
    expect(await local.outbox.size()).toBe(0);
    const info = await streamInfo();
    expect(info.state.messages).toBe(events.length);
    expect(info.config).toMatchObject({
      storage: 'file',
      subjects: [`${stream.subjectPrefix}.>`],
      duplicate_window: DUPLICATE_WINDOW_MS * 1e6,
      max_age: 3_600_000 * 1e6,
    });

    const { opts, reached } = ingestUntil({ stream, durable: 'cloud' }, (s) => s.inserted >= events.length);
    const ingest = new JetStreamIngest(cloud, TEST_NATS_URL, opts);
    ingest.start();
    expect(await reached).toMatchObject({
      inserted: events.length,
      duplicates: 0,
      conflicts: 0,
      rejected: 0,
    });
    await ingest.stop();
    expect(await cloud.events(store)).toEqual(await local.events(store));
  });

  it('re-sends within the duplicate window are dropped by the broker, and the stream keeps one copy', async () => {
    const before = await streamMessages();
    // Another outbox holding the same events (a store that lost its "sent" marks) sends them all again.
    const again = await memoryStore();
    try {
      const events = EVENTS;
      await again.outbox.append(events);
      const pump = openUplink({
        outbox: again.outbox,
        natsUrl: TEST_NATS_URL,
        jetstream: { stream },
        env: {},
      });
      expect(await pump.drain()).toEqual({
        sent: events.length,
        duplicates: events.length,
        conflicts: 0,
        failures: 0,
      });
      await pump.stop();
      expect(await streamMessages()).toBe(before);
    } finally {
      await again.close();
    }
  });

  it('a batch whose insert fails is not acked: it comes again and is stored once', async () => {
    const events: VarvEvent[] = sightings('retry', 50);
    await local.outbox.append(events);
    const pump = openUplink({ outbox: local.outbox, natsUrl: TEST_NATS_URL, jetstream: { stream }, env: {} });
    await pump.drain();
    await pump.stop();
    // The cloud store refuses the first insert (its database went away for a moment).
    let refused = 0;
    const flaky: EventStore = Object.create(cloud, {
      insert: {
        value: (batch: readonly VarvEvent[]) => {
          if (refused++ === 0) return Promise.reject(new Error('database restarting'));
          return cloud.insert(batch);
        },
      },
    });
    const errors: string[] = [];
    const { opts, reached } = ingestUntil(
      {
        stream,
        durable: 'flaky',
        ackWaitMs: 1000,
        backoff: new Backoff(10, 50),
        onError: (e) => errors.push((e as Error).message),
      },
      (s) => s.received >= 50 + EVENTS.length && s.inserted >= 50,
    );
    const ingest = new JetStreamIngest(flaky, TEST_NATS_URL, opts);
    ingest.start();
    const stats = await reached;
    await ingest.stop();
    expect(errors[0]).toBe('database restarting');
    // The first test's events were already in the cloud (duplicates); the 50 new ones arrive once.
    expect(stats.inserted).toBe(50);
    expect(await cloud.events('retry')).toEqual(events);
  });

  it('a broker that cannot be reached is retried, reported as E_NATS_CONNECT without the password', async () => {
    await local.outbox.append(sightings('unreachable', 1));
    let failed: (e: unknown) => void = () => {};
    const reported = new Promise<unknown>((r) => {
      failed = r;
    });
    const pump = openUplink({
      outbox: local.outbox,
      natsUrl: 'nats://varv:hunter2@127.0.0.1:1',
      env: {},
      backoff: new Backoff(5, 10),
      onError: (e, attempts) => {
        if (attempts === 2) failed(e);
      },
    });
    pump.start();
    const e = (await reported) as Error & { code: string };
    await pump.stop();
    expect(e.code).toBe('E_NATS_CONNECT');
    expect(e.message).toContain('nats://varv:***@127.0.0.1:1');
    expect(e.message).not.toContain('hunter2');
    expect(await local.outbox.size()).toBe(1);
  });
});
