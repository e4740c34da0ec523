import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../engine/store/index.ts';
import {
  Backoff,
  type IngestStats,
  JetStreamIngest,
  openUplink,
  type PumpStats,
} from '../../engine/uplink/index.ts';
import { backends, HOOK_MS, memoryStore, natsServerSkip } from '../services.ts';
import { sightings } from '../store/fixtures.ts';
import { NatsServer } from './natsServer.ts';

// Issue 5: 100,000 sightings go from a store's outbox through JetStream into the cloud store while
// the broker is killed (SIGKILL, no clean shutdown) in the middle and started again on the same
// port and store folder. Every sighting arrives exactly once, checked by seq; the stream holds one
// copy of each (re-sends were dropped as duplicates); the outbox ends empty. The store's side is
// PGlite, as in a store; the cloud's is the PostgreSQL server when there is one (as in the cloud),
// else a second PGlite.

const N = 100_000;
const STORE = 'restart';
const skip = natsServerSkip();
const pg = (await backends()).find((b) => b.name === 'postgres' && b.skip === null);

/** A promise and the function that resolves it, for waiting on callbacks rather than on time. */
function signal<T = void>() {
  let fire: (v: T) => void = () => {};
  const fired = new Promise<T>((r) => {
    fire = r;
  });
  return { fire, fired };
}

describe.skipIf(skip !== null)('delivery across a broker restart', () => {
  let server: NatsServer;
  let local: EventStore;
  let cloud: EventStore;
  beforeAll(async () => {
    [server, local, cloud] = await Promise.all([
      NatsServer.start(),
      memoryStore(),
      pg ? pg.open() : memoryStore(),
    ]);
  }, HOOK_MS);
  afterAll(async () => {
    await Promise.all([local?.close(), cloud?.close(), server?.dispose()]);
    await pg?.dispose();
  }, HOOK_MS);

  it('100,000 sightings arrive exactly once when the broker is killed and restarted mid-stream', async () => {
    for (let at = 0; at < N; at += 20_000) await local.outbox.append(sightings(STORE, 20_000, at));
    expect(await local.outbox.size()).toBe(N);

    const midStream = signal<PumpStats>();
    const pumpFailed = signal<unknown>();
    const allIn = signal<IngestStats>();
    const pumpErrors: string[] = [];
    const ingestErrors: string[] = [];
    const pump = openUplink({
      outbox: local.outbox,
      natsUrl: server.url,
      env: {},
      batch: 2000,
      backoff: new Backoff(50, 500),
      jetstream: { ackTimeoutMs: 2000 },
      onProgress: (s) => {
        if (s.sent >= 40_000) midStream.fire(s);
      },
      onError: (e) => {
        pumpErrors.push((e as Error).message);
        pumpFailed.fire(e);
      },
    });
    const ingest = new JetStreamIngest(cloud, server.url, {
      batch: 2000,
      ackWaitMs: 2000,
      backoff: new Backoff(50, 500),
      onError: (e) => ingestErrors.push((e as Error).message),
      onBatch: (s) => {
        if (s.inserted >= N) allIn.fire(s);
      },
    });
    pump.start();
    ingest.start();

    const before = await midStream.fired;
    await server.kill('SIGKILL');
    await pumpFailed.fired; // the outage was seen: publishes in flight went unacknowledged
    await server.start();
    const stats = await allIn.fired;
    await ingest.stop();
    await pump.stop();

    expect(before.sent).toBeLessThan(N);
    expect(pumpErrors.length).toBeGreaterThan(0);
    // Exactly once in the cloud, by seq: 0…N-1 with no gap, each inserted once (the rest of what
    // came was recognised as redelivered duplicates).
    expect(await cloud.highestSeq(STORE)).toBe(N - 1);
    expect(await cloud.gaps(STORE)).toEqual([]);
    expect(await cloud.count(STORE)).toEqual({ sighting: N, count: 0, health: 0 });
    expect(stats.inserted).toBe(N);
    expect(stats.received).toBe(N + stats.duplicates);
    expect(stats.conflicts).toBe(0);

    // Whatever the pump still had queued (acks lost in the outage) goes out again now, and the
    // broker drops every such re-send as a duplicate: the stream holds each sighting once.
    const rest = openUplink({ outbox: local.outbox, natsUrl: server.url, env: {} });
    const again = await rest.drain();
    await rest.stop();
    expect(again.duplicates).toBe(again.sent);
    expect(await local.outbox.size()).toBe(0);
    const nc = await connect({ servers: server.url });
    const info = await (await jetstreamManager(nc)).streams.info('VARV_EVENTS');
    await nc.close();
    expect(info.state.messages).toBe(N);
  }, 120_000);
});
