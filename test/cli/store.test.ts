import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEventStore } from '../../engine/store/index.ts';
import { dropSchema, HOOK_MS, postgresSkip, TEST_DATABASE_URL, uniqueName } from '../services.ts';
import { sightings } from '../store/fixtures.ts';
import { varv } from './varv.ts';

// `varv store status|retention`: the real command on a PGlite folder and, with VARV_DATABASE_URL,
// on PostgreSQL.

const dir = mkdtempSync(join(tmpdir(), 'varv-cli-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }), HOOK_MS);
const pgSkip = await postgresSkip();

describe('varv store', () => {
  it('status opens the PGlite folder and reports its schema, the outbox and each store’s seqs', async () => {
    const db = await openEventStore({ dir, env: {} });
    await db.outbox.append([...sightings('cli', 3), ...sightings('cli', 2, 5)]);
    await db.close();
    const r = varv(['store', 'status', '--dir', dir, '--json'], { VARV_DATABASE_URL: '' });
    expect(r.stdout).toContain('cli: highest seq 6, 2 missing below it');
    expect(JSON.parse(r.lastLine)).toMatchObject({
      outbox: 5,
      stores: [{ store: 'cli', highestSeq: 6, missing: 2 }],
    });
  });

  it('retention rolls up and deletes raw sightings older than --days', () => {
    const r = varv(['store', 'retention', '--dir', dir, '--days', '1', '--json'], { VARV_DATABASE_URL: '' });
    expect(r.code).toBe(0);
    // The fixtures are from March 2026; all are older than a day, but the queued ones stay.
    expect(JSON.parse(r.lastLine)).toMatchObject({ ok: true, days: 1, deleted: 0 });
    expect(varv(['store', 'retention', '--dir', dir, '--days', 'x']).code).toBe(2);
  });

  it.skipIf(pgSkip !== null)('with VARV_DATABASE_URL, works on PostgreSQL', async () => {
    const schema = uniqueName('varv_test');
    try {
      const url = `${TEST_DATABASE_URL}?options=-c%20search_path%3D${schema}`;
      const db = await openEventStore({ url: TEST_DATABASE_URL, schema, env: {} });
      await db.close();
      const r = varv(['store', 'status', '--json'], { VARV_DATABASE_URL: url });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.lastLine)).toMatchObject({
        engine: 'postgres',
        schemaVersion: 1,
        outbox: 0,
        stores: [],
      });
    } finally {
      await dropSchema(schema);
    }
  });

  it('an unreachable PostgreSQL is one clear line naming the URL without its password, exit 1', () => {
    const r = varv(['store', 'status'], { VARV_DATABASE_URL: 'postgres://varv:hunter2@127.0.0.1:1/varv' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^varv: cannot reach PostgreSQL at postgres:\/\/varv:\*\*\*@127\.0\.0\.1:1\/varv: .* \[E_DB_CONNECT\]\n$/,
    );
    expect(r.stderr).not.toContain('hunter2');
  });
});
