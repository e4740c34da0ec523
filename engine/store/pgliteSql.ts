import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { VarvError } from '../errors.ts';
import type { Row, Sql, SqlQuery } from './sql.ts';

/** In-memory PGlite: gone when closed (tests, throw-away runs). */
export const MEMORY = 'memory://';

/**
 * PGlite (PostgreSQL compiled to WebAssembly, in this process) on a folder, or in memory for
 * `memory://`. One process may hold a folder at a time: PGlite has no server to share it.
 */
export async function openPglite(dir: string = MEMORY): Promise<Sql> {
  let db: PGlite;
  try {
    if (dir !== MEMORY) mkdirSync(dir, { recursive: true });
    db = dir === MEMORY ? new PGlite() : new PGlite(dir);
    await db.waitReady;
  } catch (e) {
    throw new VarvError('E_DB_OPEN', `cannot open the PGlite database in ${dir}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const query = async <R extends Row>(text: string, params?: readonly unknown[]): Promise<R[]> =>
    (await db.query<R>(text, params as unknown[] | undefined)).rows;
  return {
    engine: 'pglite',
    location: dir,
    query,
    exec: async (text) => {
      await db.exec(text);
    },
    transaction: (fn) =>
      db.transaction((tx) => {
        const scoped: SqlQuery = {
          query: async <R extends Row>(text: string, params?: readonly unknown[]) =>
            (await tx.query<R>(text, params as unknown[] | undefined)).rows,
        };
        return fn(scoped);
      }),
    close: () => db.close(),
  };
}
