/** A row as a driver hands it back: column name → value (bigint columns may come back as strings). */
export type Row = Record<string, unknown>;

/** What the event store needs from a database: the one seam between the shared SQL and a driver. */
export type SqlQuery = {
  /** One statement with `$1…$n` parameters; JS arrays become Postgres arrays. */
  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
};

/** A database connection (a PGlite instance or a PostgreSQL pool), as the event store uses it. */
export type Sql = SqlQuery & {
  /** `pglite` or `postgres`. */
  readonly engine: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a folder, `memory`, or the URL without its password. */
  readonly location: string;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};
