import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import type { EventStore } from '../engine/store/index.ts';
import { MEMORY, openEventStore, openPglite, redactUrl, SqlEventStore } from '../engine/store/index.ts';

// The services some tests need: PostgreSQL and a NATS server with JetStream. When one cannot be
// reached its tests are skipped with the reason printed, except under CI=true, where they must run:
// there a missing service fails the test file.

const CI = process.env.CI === 'true';
export const TEST_DATABASE_URL =
  process.env.VARV_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_NATS_URL = process.env.VARV_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
export const NATS_SERVER_BIN = process.env.VARV_NATS_SERVER ?? '/usr/sbin/nats-server';

/** Opening PGlite (WebAssembly, initdb) takes seconds on a busy 2-core machine: hooks that open stores wait this long. */
export const HOOK_MS = 60_000;

/** The reason to skip (printed), or a thrown error under CI=true. */
function unavailable(service: string, reason: string): string {
  if (CI) throw new Error(`${service} is required under CI=true, but ${reason}`);
  const msg = `${service} tests skipped: ${reason}`;
  console.warn(msg);
  return msg;
}

/** A unique, lower-case name for this run's schema, stream or consumer. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

let postgres: Promise<string | null> | undefined;
/** null when the test database answers; else why its tests are skipped. */
export function postgresSkip(): Promise<string | null> {
  postgres ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (e) {
      return unavailable(
        'PostgreSQL',
        `cannot reach ${redactUrl(TEST_DATABASE_URL)} (${(e as Error).message})`,
      );
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgres;
}

/** Drops a schema the tests made (and everything in it). */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

let nats: Promise<string | null> | undefined;
/** null when the test broker answers and has JetStream; else why its tests are skipped. */
export function natsSkip(): Promise<string | null> {
  nats ??= (async () => {
    try {
      const nc = await connect({ servers: TEST_NATS_URL, timeout: 3000, maxReconnectAttempts: 0 });
      try {
        await (await jetstreamManager(nc)).getAccountInfo();
      } finally {
        await nc.close();
      }
      return null;
    } catch (e) {
      return unavailable(
        'NATS JetStream',
        `cannot use ${redactUrl(TEST_NATS_URL)} (${(e as Error).message})`,
      );
    }
  })();
  return nats;
}

/** null when the nats-server binary is there (for tests that run their own broker); else why not. */
export function natsServerSkip(): string | null {
  return existsSync(NATS_SERVER_BIN) ? null : unavailable('nats-server', `${NATS_SERVER_BIN} does not exist`);
}

const pgliteVersion = (
  JSON.parse(
    readFileSync(
      join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'),
      'utf8',
    ),
  ) as { version: string }
).version;

let blank: Promise<Blob> | undefined;
/**
 * A blank PGlite cluster, dumped once per machine into the temp folder (4 MB): an in-memory store
 * loads it in a fraction of the seconds initdb takes, which every test file would pay otherwise.
 */
export function blankCluster(): Promise<Blob> {
  blank ??= (async () => {
    const file = join(tmpdir(), `varv-test-pglite-${pgliteVersion}.tgz`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const db = await PGlite.create();
    const dump = await db.dumpDataDir('gzip');
    await db.close();
    const part = `${file}.${process.pid}`;
    writeFileSync(part, Buffer.from(await dump.arrayBuffer()));
    renameSync(part, file);
    return dump;
  })();
  return blank;
}

/** A fresh, empty, migrated in-memory PGlite event store. */
export async function memoryStore(): Promise<EventStore> {
  return SqlEventStore.open(await openPglite(MEMORY, { from: await blankCluster() }));
}

/** One engine behind the EventStore interface, for running the same suite against each. */
export type Backend = {
  name: 'pglite' | 'postgres';
  /** Why this backend's tests are skipped, or null. */
  skip: string | null;
  /** A fresh, empty store (PGlite in memory; PostgreSQL in a new schema). */
  open(): Promise<EventStore>;
  /** Closes every store opened and drops the schemas made. */
  dispose(): Promise<void>;
};

/** PGlite (always) and PostgreSQL (skipped with a reason when unreachable, required under CI=true). */
export async function backends(): Promise<Backend[]> {
  const pgSkip = await postgresSkip();
  const make = (name: Backend['name'], skip: string | null): Backend => {
    const opened: EventStore[] = [];
    const schemas: string[] = [];
    return {
      name,
      skip,
      async open() {
        let store: EventStore;
        if (name === 'pglite') store = await memoryStore();
        else {
          const schema = uniqueName('varv_test');
          schemas.push(schema);
          store = await openEventStore({ url: TEST_DATABASE_URL, schema, env: {} });
        }
        opened.push(store);
        return store;
      },
      async dispose() {
        await Promise.all(opened.splice(0).map((s) => s.close().catch(() => {})));
        for (const schema of schemas.splice(0)) await dropSchema(schema);
      },
    };
  };
  return [make('pglite', null), make('postgres', pgSkip)];
}
