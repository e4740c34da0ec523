import pg from 'pg';
import { VarvError } from '../errors.ts';
import { redactUrl } from './redactUrl.ts';
import type { Row, Sql, SqlQuery } from './sql.ts';

export type PostgresOptions = {
  /** A schema to keep the tables in (created if missing); else the server's search_path decides. */
  schema?: string;
  /** Connections in the pool. */
  max?: number;
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Errors that mean the server is not there (or went away), not that a statement was wrong. */
function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (
    typeof err?.code === 'string' &&
    /^(ECONN|ENOTFOUND|EAI_|ETIMEDOUT|EHOSTUNREACH|EPIPE|57P0|08)/.test(err.code)
  )
    return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    err?.message ?? '',
  );
}

/**
 * A PostgreSQL server through a `pg` pool. Fails at open, with `E_DB_CONNECT` and the URL without
 * its password, when the server cannot be reached; later losses of the connection say the same.
 */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Sql> {
  const where = redactUrl(url);
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema))
    throw new VarvError('E_CONFIG', `not a plain schema name: "${opts.schema}" (lower case, digits, _)`);
  const wrap = (e: unknown): unknown =>
    isConnectionError(e)
      ? new VarvError('E_DB_CONNECT', `cannot reach PostgreSQL at ${where}: ${(e as Error).message}`, {
          cause: e,
        })
      : e;
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 4,
    connectionTimeoutMillis: 10_000,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // An idle connection that drops is reported by the next query; the pool must not crash the process.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
    if (opts.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
  } catch (e) {
    await pool.end().catch(() => {});
    throw wrap(e);
  }
  const run = async <R extends Row>(
    client: pg.Pool | pg.PoolClient,
    text: string,
    params?: readonly unknown[],
  ) => {
    try {
      return (await client.query(text, params as unknown[] | undefined)).rows as R[];
    } catch (e) {
      throw wrap(e);
    }
  };
  return {
    engine: 'postgres',
    location: where,
    query: (text, params) => run(pool, text, params),
    exec: async (text) => {
      await run(pool, text);
    },
    transaction: async <T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T> => {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw wrap(e);
      }
      let broken: unknown;
      // A checked-out client whose server goes away emits 'error' besides failing its query; with
      // no listener that would be an uncaught exception (a PostgreSQL restart killed the process).
      const lost = (e: Error) => {
        broken = e;
      };
      client.on('error', lost);
      try {
        await run(client, 'BEGIN');
        const out = await fn({ query: (text, params) => run(client, text, params) });
        await run(client, 'COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch((re) => {
          broken = re;
        });
        throw e;
      } finally {
        client.off('error', lost);
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    close: () => pool.end(),
  };
}
