import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SightingV1 } from '../../engine/events/index.ts';
import {
  type EventStore,
  MEMORY,
  openEventStore,
  openPglite,
  redactUrl,
  SqlEventStore,
} from '../../engine/store/index.ts';
import { sightings } from '../store/fixtures.ts';
import { type BenchLine, median } from './measure.ts';

/** Sightings per run: four insert statements' worth (the store inserts 5,000 per statement). */
const N = 20_000;
const RUNS = 5;
const DATABASE_URL =
  process.env.VARV_DATABASE_URL ||
  process.env.VARV_TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/test';

/** The columns of the store's sightings table, with its primary key: what COPY fills. */
const PLAIN_TABLE = `CREATE TABLE IF NOT EXISTS bench_sightings_copy (
  store text NOT NULL, seq bigint NOT NULL, t bigint NOT NULL, camera text NOT NULL,
  camera_class text NOT NULL, zone text NOT NULL, group_id integer NOT NULL, interval text NOT NULL,
  gender text, age text, PRIMARY KEY (store, t, seq))`;
const COPY = `COPY bench_sightings_copy FROM STDIN WITH (FORMAT csv)`;

/** The same sightings as CSV rows (absent attributes as empty fields, which CSV reads as NULL). */
function csv(events: readonly SightingV1[]): string {
  let out = '';
  for (const e of events)
    out += `${e.store},${e.seq},${e.t},${e.camera},${e.cameraClass},${e.zone},${e.group},${e.interval},${e.attrs?.gender ?? ''},${e.attrs?.age ?? ''}\n`;
  return out;
}

type Engine = {
  store: EventStore;
  copy(events: readonly SightingV1[]): Promise<void>;
  close(): Promise<void>;
  note: string;
};

async function pglite(): Promise<Engine> {
  const store = await SqlEventStore.open(await openPglite(MEMORY));
  // The peer gets a PGlite of its own with the plain table (PGlite's COPY reads a blob).
  const plain = await PGlite.create();
  await plain.exec(PLAIN_TABLE);
  return {
    store,
    copy: async (events) => {
      await plain.query(COPY.replace('STDIN', "'/dev/blob'"), [], { blob: new Blob([csv(events)]) });
    },
    close: async () => {
      await Promise.all([store.close(), plain.close()]);
    },
    note: 'PGlite in memory, in this process',
  };
}

async function postgres(): Promise<Engine> {
  const schema = `varv_bench_${process.pid}`;
  const store = await openEventStore({ url: DATABASE_URL, schema, env: {} });
  const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query(PLAIN_TABLE);
  return {
    store,
    copy: async (events) => {
      const stream = client.query(copyFrom(COPY));
      await pipeline(
        (async function* () {
          yield csv(events);
        })(),
        stream,
      );
    },
    close: async () => {
      await store.close();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
    note: `PostgreSQL at ${redactUrl(DATABASE_URL)}`,
  };
}

/**
 * Sightings ingested per second through EventStore.insert (validation, content digests, the key
 * table, the typed table, duplicate and conflict detection, one transaction) against COPY of the
 * same rows into a plain table with the same columns and primary key, on the same engine. Each run
 * ingests N new sightings (a store id of its own) both ways, interleaved; medians of RUNS.
 */
export async function storeIngestBench(kind: 'pglite' | 'postgres'): Promise<BenchLine> {
  const bench = `store-ingest-${kind}`;
  let engine: Engine;
  try {
    engine = kind === 'pglite' ? await pglite() : await postgres();
  } catch (e) {
    return {
      bench,
      figure: 'sightings_ingested_per_s',
      value: 0,
      peer: null,
      peerValue: null,
      ratio: null,
      runs: 0,
      note: `not measured: ${(e as Error).message}`,
    };
  }
  const ours: number[] = [];
  const peer: number[] = [];
  try {
    // Warm-up: the first statements plan and fill caches on both sides.
    await engine.store.insert(sightings('warm', 2000));
    await engine.copy(sightings('warm', 2000));
    for (let r = 0; r < RUNS; r++) {
      const events = sightings(`run-${r}`, N);
      let t0 = performance.now();
      const res = await engine.store.insert(events);
      ours.push(N / ((performance.now() - t0) / 1000));
      if (res.inserted !== N) throw new Error(`inserted ${res.inserted} of ${N}`);
      t0 = performance.now();
      await engine.copy(events);
      peer.push(N / ((performance.now() - t0) / 1000));
    }
  } finally {
    await engine.close();
  }
  const value = median(ours);
  const peerValue = median(peer);
  const round = (x: number) => Number(x.toPrecision(3));
  return {
    bench,
    figure: 'sightings_ingested_per_s',
    value: round(value),
    peer: 'COPY into a plain table (same columns and primary key), same engine',
    peerValue: round(peerValue),
    ratio: round(value / peerValue),
    runs: RUNS,
    note: `${engine.note}; ${N} new sightings per run; ratio < 1 is expected: the store also validates and fingerprints each event, writes a key row per event (idempotency across types) and reports duplicates and conflicts`,
  };
}
