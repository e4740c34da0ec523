import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { VarvError } from '../errors.ts';
import type { Row, Sql, SqlQuery } from './sql.ts';

/** In-memory PGlite: gone when closed (tests, throw-away runs). */
export const MEMORY = 'memory://';

/** A freshly initialised cluster, dumped once per process: later in-memory opens start from it. */
let blank: Promise<Blob> | undefined;

/** An in-memory PGlite. The first one runs initdb (seconds); the rest load its dump (a fraction). */
async function openMemory(): Promise<PGlite> {
  if (blank) {
    const loadDataDir = await blank.catch(() => undefined);
    if (loadDataDir) return PGlite.create({ loadDataDir });
  }
  const db = await PGlite.create();
  if (!blank) blank = db.dumpDataDir('none');
  await blank.catch(() => {});
  return db;
}

/**
 * PGlite (PostgreSQL compiled to WebAssembly, in this process) on a folder, or in memory for
 * `memory://`. One process may hold a folder at a time: PGlite has no server to share it.
 * `from`: a dump (PGlite's `dumpDataDir`) to start a new database from.
 */
export async function openPglite(dir: string = MEMORY, opts: { from?: Blob } = {}): Promise<Sql> {
  let db: PGlite;
  try {
    if (dir !== MEMORY) mkdirSync(dir, { recursive: true });
    if (opts.from) db = await PGlite.create(dir, { loadDataDir: opts.from });
    else db = dir === MEMORY ? await openMemory() : new PGlite(dir);
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
