import type { EventStore } from './eventStore.ts';
import { openPglite } from './pgliteSql.ts';
import { openPostgres } from './postgresSql.ts';
import { SqlEventStore } from './sqlEventStore.ts';

export type EventStoreConfig = {
  /** A PostgreSQL URL; default `VARV_DATABASE_URL`. When there is one, PostgreSQL is used. */
  url?: string;
  /** PGlite's folder, or `memory://`; default `VARV_DATA_DIR`, else `.varv/events`. */
  dir?: string;
  /** PostgreSQL only: keep the tables in this schema (created if missing). */
  schema?: string;
  /** Where the defaults are read from (the process environment unless given). */
  env?: Record<string, string | undefined>;
};

export const DEFAULT_DATA_DIR = '.varv/events';

/**
 * Opens the event store the configuration names, PostgreSQL when a URL is set and PGlite
 * otherwise, and brings its schema up to date. The choice is configuration, never code.
 */
export async function openEventStore(config: EventStoreConfig = {}): Promise<EventStore> {
  const env = config.env ?? process.env;
  const url = config.url ?? (env.VARV_DATABASE_URL || undefined);
  const sql = url
    ? await openPostgres(url, config.schema ? { schema: config.schema } : {})
    : await openPglite(config.dir ?? (env.VARV_DATA_DIR || DEFAULT_DATA_DIR));
  try {
    return await SqlEventStore.open(sql);
  } catch (e) {
    await sql.close().catch(() => {});
    throw e;
  }
}
