import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../engine/events/index.ts';
import { UPLINK_DOWN_AFTER, uplinkHealth } from '../../engine/uplink/index.ts';

// The uplink's health event: what the store says about its link to the cloud, delivered like any
// other event once the link is back (the NATS fault test sees these reach the cloud).

describe('uplinkHealth', () => {
  it('is ok while rounds go through, degraded after a failure, down after several in a row', () => {
    const at = (n: number) =>
      uplinkHealth('s', 1000, 7, { consecutiveFailures: n, queued: 12, lastError: 'timeout' });
    expect(at(0)).toMatchObject({
      status: 'ok',
      source: 'uplink',
      message: '12 events queued',
      seq: 7,
      t: 1000,
    });
    expect(at(1)).toMatchObject({
      status: 'degraded',
      message: '1 rounds failed in a row; 12 events queued; last error: timeout',
    });
    expect(at(UPLINK_DOWN_AFTER).status).toBe('down');
  });

  it('is a valid wire event, its message clipped to 300 characters', () => {
    const e = uplinkHealth('store-1', 0, 0, {
      consecutiveFailures: 9,
      queued: 1,
      lastError: 'x'.repeat(1000),
    });
    expect(parseEvent(e).ok).toBe(true);
    expect(e.message?.length).toBe(300);
    expect(e.message?.endsWith('…')).toBe(true);
  });
});
