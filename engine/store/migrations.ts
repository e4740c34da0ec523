import { VarvError } from '../errors.ts';
import type { Sql } from './sql.ts';

/** One step of the schema, applied once, in order, in its own transaction. Never edit a released one. */
export type Migration = { version: number; name: string; sql: string };

// Times are epoch milliseconds (bigint), as on the wire: no time-zone conversions in the store,
// and the same numbers come back that went in. Every event has a key row in `events`, whose
// primary key (store, seq) is the one idempotency key across all event types of a store; the
// typed tables hold the fields, keyed by (store, t, seq) for time-range reads (their (store, seq)
// is unique through `events`, since rows are only inserted under a key just claimed there).
// `digest` fingerprints the event's content, so that a different event under a known key is told
// apart from a re-send even after its raw row is gone.
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'events, typed tables, outbox, hourly sightings',
    sql: `
CREATE TABLE events (
  store text NOT NULL,
  seq bigint NOT NULL CHECK (seq >= 0),
  type text NOT NULL CHECK (type IN ('sighting', 'count', 'health')),
  t bigint NOT NULL,
  digest text NOT NULL,
  PRIMARY KEY (store, seq)
);

CREATE TABLE sightings (
  store text NOT NULL,
  seq bigint NOT NULL,
  t bigint NOT NULL,
  camera text NOT NULL,
  camera_class text NOT NULL,
  zone text NOT NULL,
  group_id integer NOT NULL,
  interval text NOT NULL,
  gender text,
  age text,
  PRIMARY KEY (store, t, seq)
);

CREATE TABLE counts (
  store text NOT NULL,
  seq bigint NOT NULL,
  t bigint NOT NULL,
  camera text NOT NULL,
  zone text NOT NULL,
  direction text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (store, t, seq)
);

CREATE TABLE health (
  store text NOT NULL,
  seq bigint NOT NULL,
  t bigint NOT NULL,
  source text NOT NULL,
  status text NOT NULL,
  frames_in bigint NOT NULL,
  frames_dropped bigint NOT NULL,
  lifetime_count bigint NOT NULL,
  lifetime_p50 double precision NOT NULL,
  lifetime_p90 double precision NOT NULL,
  lifetime_p99 double precision NOT NULL,
  lifetime_max double precision NOT NULL,
  message text,
  PRIMARY KEY (store, t, seq)
);

-- Events accepted in the store and not yet acknowledged by the uplink, in their wire form (JSON).
CREATE TABLE outbox (
  store text NOT NULL,
  seq bigint NOT NULL,
  payload text NOT NULL,
  PRIMARY KEY (store, seq)
);

-- What is left of raw sightings after retention: per store, zone and hour (epoch ms of its start).
CREATE TABLE sightings_hourly (
  store text NOT NULL,
  zone text NOT NULL,
  hour bigint NOT NULL,
  sightings bigint NOT NULL,
  groups integer NOT NULL,
  PRIMARY KEY (store, zone, hour)
);
`,
  },
];

const LOCK_KEY = 0x76617276; // 'varv': one migrator at a time on a shared server

/**
 * Brings the schema up to date: creates `schema_migrations` if needed, then applies each migration
 * not recorded there, in order, each in a transaction together with its record. Running it again is
 * a no-op. A database migrated by a newer Varv is refused rather than guessed at.
 */
export async function migrate(
  sql: Sql,
  list: readonly Migration[] = migrations,
): Promise<{ applied: number[]; version: number }> {
  const applied: number[] = [];
  const version = await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    const done = new Set(rows.map((r) => Number(r.version)));
    const known = Math.max(0, ...list.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known)
      throw new VarvError(
        'E_DB_SCHEMA',
        `the database at ${sql.location} has schema version ${newest}, newer than this Varv knows (${known}); upgrade Varv`,
      );
    for (const m of [...list].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      // All pending steps run in this one transaction: a failing step leaves nothing behind.
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return Math.max(newest, ...applied);
  });
  return { applied, version };
}

/** Splits a migration into statements (ours hold no semicolons inside strings or bodies). */
function splitStatements(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
