import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import type { HealthV1, VarvEvent } from '../../engine/events/index.ts';
import { buildServer } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { StoreSource } from '../../engine/server/storeSource.ts';
import type { EventStore } from '../../engine/store/index.ts';
import {
  Backoff,
  type IngestStats,
  JetStreamIngest,
  openUplink,
  UplinkMetrics,
  uplinkHealth,
} from '../../engine/uplink/index.ts';
import { testStore } from '../analytics/fixtures.ts';
import { sighting } from '../store/fixtures.ts';

// The path every fault test drives: an "engine" appends events (sightings, with a health report on
// the uplink now and then) to the store's outbox at a steady rate; an OutboxPump sends them to
// JetStream; the cloud's JetStreamIngest stores them in the cloud event store. While events flow,
// a fault is injected, kept for `outageMs`, and cleared; the engine goes on a while, then stops,
// and the run waits until the cloud holds every event the outbox accepted. The result is checked
// by seq (every accepted seq once, nothing else), and the fault must show in /metrics (scraped
// through the server with an admin token) and, where the store notices it, in the uplink's health
// events that reached the cloud.

export const FAULT_STORE = 'fault-store';

export type Fault = {
  name: string;
  /** Breaks something (stops the broker, the database; fills the disk). */
  begin(): Promise<void> | void;
  /** Mends it. Called whatever happened after begin(). */
  end(): Promise<void> | void;
};

export type RigOptions = {
  /** The store's database (its outbox); the engine's appends go through UplinkMetrics.instrument. */
  local: EventStore;
  /** The cloud's event store, which JetStreamIngest writes to. */
  cloud: EventStore;
  natsUrl: string;
  fault: Fault;
  /** How long the fault lasts, ms: seconds in `npm test`, 2 minutes for NATS in `npm run soak`. */
  outageMs: number;
  /** Events the engine offers per second (in batches of `batch`). */
  rate?: number;
  batch?: number;
  /** Events delivered before the fault begins, and offered after it ends. */
  before?: number;
  after?: number;
  /** A JetStream durable name of this run's own (the stream is shared by the runs on one broker). */
  durable?: string;
};

export type RigResult = {
  fault: string;
  outageMs: number;
  /** Appends the outbox took (each event once) / append attempts refused (and retried). */
  accepted: number;
  refusedAppends: number;
  /** Accepted seqs that the cloud does not hold, and stored events beyond one per seq. */
  lost: number;
  duplicated: number;
  /** Seqs in the cloud that were never accepted (must be 0 too). */
  unexpected: number;
  /** The /metrics text, as an admin scrapes it: at the end of the fault, and after the run. */
  metricsDuring: string;
  metrics: string;
  /** Uplink health events that reached the cloud, by status. */
  uplinkHealth: Record<HealthV1['status'], number>;
  pumpErrors: string[];
  ingestErrors: string[];
  appendErrors: string[];
  ingest: IngestStats;
};

function signal<T = void>() {
  let fire: (v: T) => void = () => {};
  const fired = new Promise<T>((r) => {
    fire = r;
  });
  return { fire, fired };
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** A delay that can be called off (so that no long timer outlives the run). */
function timer(ms: number) {
  let handle: NodeJS.Timeout | undefined;
  const done = new Promise<void>((r) => {
    handle = setTimeout(r, ms);
  });
  return { done, cancel: () => clearTimeout(handle) };
}
/** How long past the outage something must have noticed the fault. */
const NOTICE_MS = 30_000;
/** How long past the outage the cloud may take to catch up before the run counts what is missing. */
const SETTLE_MS = 120_000;

export async function runFault(o: RigOptions): Promise<RigResult> {
  const rate = o.rate ?? 2000;
  const batch = o.batch ?? 100;
  const before = o.before ?? 1000;
  const after = o.after ?? 1000;
  const registry = new Registry();
  const metrics = new UplinkMetrics(registry);
  const outbox = metrics.instrument(o.local.outbox);
  const server = await metricsServer(o.local, registry);

  const pumpErrors: string[] = [];
  const ingestErrors: string[] = [];
  const appendErrors: string[] = [];
  const noticed = signal<string>();
  const warmedUp = signal();
  const allIn = signal<IngestStats>();
  let accepted = 0; // the next seq to offer is `accepted` (the engine retries a refused batch)
  let refusedAppends = 0;
  let target = Number.POSITIVE_INFINITY;

  const pump = openUplink({
    outbox: o.local.outbox,
    natsUrl: o.natsUrl,
    env: {},
    batch: 1000,
    idleMs: 50,
    backoff: new Backoff(25, 500),
    jetstream: { ackTimeoutMs: 1000 },
    ...metrics.pumpHooks({
      onError: (e, _n, stage) => {
        pumpErrors.push(`${stage}: ${(e as Error).message}`);
        noticed.fire(`pump (${stage})`);
      },
    }),
  });
  const ingest = new JetStreamIngest(o.cloud, o.natsUrl, {
    batch: 1000,
    ackWaitMs: 2000,
    durable: o.durable ?? 'varv-fault-rig',
    backoff: new Backoff(25, 500),
    ...metrics.ingestHooks({
      onError: (e) => {
        ingestErrors.push((e as Error).message);
        noticed.fire('ingest');
      },
      onBatch: (s) => {
        if (s.inserted >= before) warmedUp.fire();
        if (s.inserted >= target) allIn.fire(s);
      },
    }),
  });

  // The engine: a batch every batch/rate seconds; a refused batch is kept and offered again.
  let stopAt = Number.POSITIVE_INFINITY;
  let stopped = false;
  const engine = (async () => {
    while (!stopped && accepted < stopAt) {
      const events: VarvEvent[] = [];
      for (let seq = accepted; seq < accepted + batch && seq < stopAt; seq++)
        events.push(
          seq % 500 === 499
            ? uplinkHealth(FAULT_STORE, sighting(FAULT_STORE, seq).t, seq, {
                ...pump.state,
                queued: accepted - pump.stats.sent,
              })
            : sighting(FAULT_STORE, seq),
        );
      try {
        await outbox.append(events);
        accepted += events.length;
        pump.wake();
      } catch (e) {
        refusedAppends++;
        appendErrors.push((e as Error).message);
        noticed.fire('append');
      }
      await delay((1000 * batch) / rate);
    }
  })();

  pump.start();
  ingest.start();
  let stats: IngestStats | null = null;
  let metricsDuring = '';
  try {
    await warmedUp.fired;
    await o.fault.begin();
    const watchdog = timer(o.outageMs + NOTICE_MS);
    try {
      const seen = await Promise.race([
        Promise.all([noticed.fired, delay(o.outageMs)]).then(() => true),
        watchdog.done.then(() => false),
      ]);
      if (!seen)
        throw new Error(`${o.fault.name}: nothing noticed the fault within ${o.outageMs + NOTICE_MS} ms`);
      metricsDuring = await scrape(server);
    } finally {
      watchdog.cancel();
      await o.fault.end();
    }
    stopAt = accepted + after;
    await engine;
    target = accepted;
    if (ingest.stats.inserted >= target) allIn.fire({ ...ingest.stats });
    // Everything in, or a generous while: a run that loses events ends with lost > 0, not a hang.
    const settle = timer(SETTLE_MS + o.outageMs);
    stats = await Promise.race([allIn.fired, settle.done.then(() => null)]);
    settle.cancel();
  } finally {
    stopped = true;
    await engine;
    await ingest.stop();
    await pump.stop();
  }

  const result = await check(o, accepted, stats ?? ingest.stats);
  return {
    fault: o.fault.name,
    outageMs: o.outageMs,
    accepted,
    refusedAppends,
    ...result,
    metricsDuring,
    metrics: await scrape(server).finally(() => server.close()),
    pumpErrors,
    ingestErrors,
    appendErrors,
    ingest: { ...(stats ?? ingest.stats) },
  };
}

/** Every accepted seq once in the cloud, by seq; the held seqs run 0…highest less the gaps. */
async function check(o: RigOptions, accepted: number, stats: IngestStats) {
  const counts = await o.cloud.count(FAULT_STORE);
  const stored = counts.sighting + counts.count + counts.health;
  const highest = (await o.cloud.highestSeq(FAULT_STORE)) ?? -1;
  const gaps = (await o.cloud.gaps(FAULT_STORE)).reduce((n, g) => n + g.to - g.from + 1, 0);
  const held = highest + 1 - gaps;
  const unexpected = Math.max(0, highest - (accepted - 1));
  const health = await o.cloud.events(FAULT_STORE, { types: ['health'] });
  const uplink = { ok: 0, degraded: 0, down: 0 };
  for (const e of health) if (e.type === 'health' && e.source === 'uplink') uplink[e.status]++;
  return {
    lost: accepted - (held - unexpected),
    duplicated: stored - held + Math.max(0, stats.inserted - held),
    unexpected,
    uplinkHealth: uplink,
  };
}

const ADMIN = 'fault-admin';

/** The server, for /metrics with the uplink's metrics on its registry. */
function metricsServer(local: EventStore, registry: Registry) {
  return buildServer({
    source: new StoreSource({ mode: 'live', stores: [{ layout: testStore() }], events: local, now: () => 0 }),
    auth: new TokenAuth([{ token: ADMIN, role: 'admin' }]),
    metrics: registry,
    tickMs: 3_600_000,
  });
}

/** /metrics through the server, with an admin token, as Prometheus would scrape it. */
async function scrape(app: FastifyInstance): Promise<string> {
  const r = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${ADMIN}` } });
  if (r.statusCode !== 200) throw new Error(`/metrics answered ${r.statusCode}`);
  return r.body;
}

/** The value of one sample in a Prometheus text, e.g. metric(text, 'varv_uplink_failures_total{stage="send"}'). */
export function metric(text: string, sample: string): number {
  for (const line of text.split('\n'))
    if (line.startsWith(`${sample} `)) return Number(line.slice(sample.length + 1));
  return 0;
}

/** The sum of every sample of a metric whose labels include all of `labels` (e.g. ['code="53100"']). */
export function metricSum(text: string, name: string, labels: string[] = []): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (m?.[1] !== name) continue;
    if (labels.every((l) => (m[2] ?? '').includes(l))) sum += Number(m[3]);
  }
  return sum;
}
