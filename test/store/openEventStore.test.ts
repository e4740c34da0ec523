import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  migrate,
  migrations,
  openEventStore,
  openPglite,
  openPostgres,
  redactUrl,
} from '../../engine/store/index.ts';
import { dropSchema, postgresSkip, TEST_DATABASE_URL, uniqueName } from '../services.ts';
import { sightings } from './fixtures.ts';

// Issue 5: the factory picks the engine from configuration (VARV_DATABASE_URL), migrations are
// versioned and run at open, and connection failures name the URL without its password.

const pgSkip = await postgresSkip();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('openEventStore', () => {
  it('without a database URL opens PGlite on a folder, which keeps its events across opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'varv-store-'));
    dirs.push(dir);
    const a = await openEventStore({ dir, env: {} });
    expect([a.engine, a.location, a.schemaVersion]).toEqual(['pglite', dir, 1]);
    await a.outbox.append(sightings('disk', 3));
    await a.close();
    const b = await openEventStore({ env: { VARV_DATA_DIR: dir } });
    expect(await b.events('disk')).toEqual(sightings('disk', 3));
    expect(await b.outbox.size()).toBe(3);
    await b.close();
  });

  it('runs each migration once, records it, and refuses a database newer than itself', async () => {
    const sql = await openPglite();
    try {
      expect(await migrate(sql)).toEqual({ applied: [1], version: 1 });
      expect(await migrate(sql)).toEqual({ applied: [], version: 1 });
      const next = [
        ...migrations,
        { version: 2, name: 'test column', sql: 'ALTER TABLE counts ADD COLUMN note text' },
      ];
      expect(await migrate(sql, next)).toEqual({ applied: [2], version: 2 });
      expect(
        (await sql.query('SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version),
      ).toEqual([1, 2]);
      await expect(migrate(sql, migrations)).rejects.toMatchObject({ code: 'E_DB_SCHEMA' });
      // A failing step leaves nothing behind: neither its changes nor its record.
      const broken = [...next, { version: 3, name: 'broken', sql: 'CREATE TABLE x3 (a int); SELECT nope' }];
      await expect(migrate(sql, broken)).rejects.toThrow();
      expect(await sql.query("SELECT 1 FROM pg_tables WHERE tablename = 'x3'")).toEqual([]);
      expect(await migrate(sql, next)).toEqual({ applied: [], version: 2 });
    } finally {
      await sql.close();
    }
  });

  it.skipIf(pgSkip !== null)('with a database URL (or VARV_DATABASE_URL) opens PostgreSQL', async () => {
    const schema = uniqueName('varv_test');
    try {
      const db = await openEventStore({ schema, env: { VARV_DATABASE_URL: TEST_DATABASE_URL } });
      expect([db.engine, db.location, db.schemaVersion]).toEqual([
        'postgres',
        redactUrl(TEST_DATABASE_URL),
        1,
      ]);
      await db.close();
      // Opening again on the same schema migrates nothing and finds the same version.
      const again = await openEventStore({ url: TEST_DATABASE_URL, schema, env: {} });
      expect(again.schemaVersion).toBe(1);
      await again.close();
    } finally {
      await dropSchema(schema);
    }
  });

  it('a PostgreSQL server that cannot be reached is E_DB_CONNECT, naming the URL without the password', async () => {
    const url = 'postgres://varv:hunter2@127.0.0.1:1/varv';
    const e = await openEventStore({ url, env: {} }).catch((x) => x);
    expect(e).toMatchObject({ code: 'E_DB_CONNECT' });
    expect(e.message).toContain('postgres://varv:***@127.0.0.1:1/varv');
    expect(e.message).not.toContain('hunter2');
    await expect(openPostgres(url, { schema: 'Robert"); DROP' })).rejects.toMatchObject({ code: 'E_CONFIG' });
  });
});

describe('redactUrl', () => {
  it('hides passwords, in the authority and in query parameters, and keeps the rest', () => {
    expect(redactUrl('postgres://u:secret@db.example:5432/x?sslmode=require')).toBe(
      'postgres://u:***@db.example:5432/x?sslmode=require',
    );
    expect(redactUrl('postgres://db/x?user=u&password=secret')).toBe('postgres://db/x?user=u&password=***');
    expect(redactUrl('nats://token@127.0.0.1:4222')).toBe('nats://token@127.0.0.1:4222');
    expect(redactUrl('postgres://u@h/x')).toBe('postgres://u@h/x');
    expect(redactUrl('not a url with secret')).toBe('(unparseable URL)');
  });
});
