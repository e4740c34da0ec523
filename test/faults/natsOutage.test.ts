import { describe, expect, it } from 'vitest';
import { natsServerSkip } from '../services.ts';
import { metricSum } from './faultRig.ts';
import { natsOutage } from './faults.ts';

// Issue 10, NATS stopped during ingestion: a nats-server of the test's own is stopped (SIGTERM)
// while the store's engine goes on appending to its outbox, kept down for a second here
// (two minutes in `npm run soak`), and started again on the same port and store folder. Every
// event the outbox accepted reaches the cloud store exactly once, checked by seq; the outage is in
// /metrics (failed sends, rounds failing in a row, the outbox growing) and in the uplink's own
// health events, which reach the cloud once the broker is back.

const OUTAGE_MS = 1000;
const skip = natsServerSkip();

describe.skipIf(skip !== null)('NATS stopped during ingestion', () => {
  it('loses nothing, duplicates nothing, and shows the outage in /metrics and health events', async () => {
    const r = await natsOutage({ outageMs: OUTAGE_MS });
    expect(r.accepted).toBeGreaterThanOrEqual(2000);
    expect({ lost: r.lost, duplicated: r.duplicated, unexpected: r.unexpected }).toEqual({
      lost: 0,
      duplicated: 0,
      unexpected: 0,
    });
    expect(r.refusedAppends).toBe(0); // the store's database was fine throughout
    // In /metrics at the end of the outage: sends failing, in a row, and events waiting.
    expect(metricSum(r.metricsDuring, 'varv_uplink_failures_total', ['stage="send"'])).toBeGreaterThan(0);
    expect(metricSum(r.metricsDuring, 'varv_uplink_consecutive_failures')).toBeGreaterThan(0);
    expect(metricSum(r.metricsDuring, 'varv_outbox_pending')).toBeGreaterThan(0);
    // Afterwards: everything sent, the outbox empty, the cloud's intake saw the broker go too.
    expect(metricSum(r.metrics, 'varv_outbox_pending')).toBe(0);
    expect(metricSum(r.metrics, 'varv_uplink_consecutive_failures')).toBe(0);
    expect(metricSum(r.metrics, 'varv_uplink_sent_total')).toBeGreaterThanOrEqual(r.accepted);
    expect(metricSum(r.metrics, 'varv_ingest_inserted_total')).toBe(r.accepted);
    // The store's own account of the outage, delivered after it.
    expect(r.uplinkHealth.degraded + r.uplinkHealth.down).toBeGreaterThan(0);
    expect(r.uplinkHealth.ok).toBeGreaterThan(0);
    expect(r.pumpErrors.join('\n')).toMatch(/TIMEOUT|timeout|CONNECTION|closed|refused/i);
  }, 120_000);
});
