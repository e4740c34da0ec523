import { describe, expect, it } from 'vitest';
import { natsServerSkip } from '../services.ts';
import { metricSum } from './faultRig.ts';
import { postgresRestart } from './faults.ts';
import { privatePostgresSkip } from './privatePostgres.ts';

// Issue 10, PostgreSQL restarted during ingestion. The store's outbox (VARV_DATABASE_URL in the
// store) and the cloud's event store are both on a PostgreSQL cluster of the test's own (initdb in
// a temp folder, its own port: the shared server on 5432 is never touched), which is stopped
// (fast shutdown: transactions in flight are rolled back) while events flow and started again.
// The engine's appends are refused while it is down and offered again; the pump cannot read or
// mark its outbox; the cloud's inserts fail and their messages are redelivered. Afterwards every
// accepted event is in the cloud exactly once, and /metrics shows the database errors on both sides.

const OUTAGE_MS = 1000;
const skip = natsServerSkip() ?? privatePostgresSkip();

describe.skipIf(skip !== null)('PostgreSQL restarted during ingestion', () => {
  it('loses nothing, duplicates nothing, and counts the database errors of both sides in /metrics', async () => {
    const r = await postgresRestart({ outageMs: OUTAGE_MS });
    expect(r.accepted).toBeGreaterThanOrEqual(2000);
    expect({ lost: r.lost, duplicated: r.duplicated, unexpected: r.unexpected }).toEqual({
      lost: 0,
      duplicated: 0,
      unexpected: 0,
    });
    // The store's side: appends refused (and offered again), counted as database errors.
    expect(r.refusedAppends).toBeGreaterThan(0);
    expect(r.appendErrors.join('\n')).toMatch(/PostgreSQL|terminat|ECONNREFUSED|shut/i);
    expect(
      metricSum(r.metricsDuring, 'varv_db_errors_total', ['side="store"', 'op="append"']),
    ).toBeGreaterThan(0);
    // The cloud's side: failed inserts, counted by code.
    expect(metricSum(r.metrics, 'varv_db_errors_total', ['side="cloud"'])).toBeGreaterThan(0);
    expect(metricSum(r.metrics, 'varv_ingest_failures_total')).toBeGreaterThan(0);
    expect(metricSum(r.metrics, 'varv_ingest_inserted_total')).toBe(r.accepted);
    expect(metricSum(r.metrics, 'varv_outbox_pending')).toBe(0);
  }, 120_000);
});
