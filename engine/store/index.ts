export { eventDigest } from './eventRows.ts';
export * from './eventStore.ts';
export { type Migration, migrate, migrations } from './migrations.ts';
export { DEFAULT_DATA_DIR, type EventStoreConfig, openEventStore } from './openEventStore.ts';
export { MEMORY, openPglite } from './pgliteSql.ts';
export { openPostgres, type PostgresOptions } from './postgresSql.ts';
export { redactUrl } from './redactUrl.ts';
export type { Row, Sql, SqlQuery } from './sql.ts';
export { SqlEventStore } from './sqlEventStore.ts';
