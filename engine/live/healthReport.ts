import type { HealthV1 } from '../events/index.ts';
import type { LifetimeHistogram } from '../privacy/index.ts';
import type { CameraChannel } from './cameraChannel.ts';

/**
 * Health events for now: one per camera (frames in and dropped so far, its frame lifetimes;
 * "down" while its source waits to restart, "degraded" after drops or bad frames since the last
 * report, with the last error in the message) and one for the whole engine. Resets each camera's
 * since-last-report counts. `seq` hands out sequence numbers.
 */
export function healthReport(
  store: string,
  t: number,
  channels: readonly CameraChannel[],
  engineFrames: LifetimeHistogram,
  seq: () => number,
): HealthV1[] {
  const events: HealthV1[] = [];
  let framesIn = 0;
  let framesDropped = 0;
  for (const c of channels) {
    const q = c.queue.stats();
    framesIn += q.in;
    framesDropped += q.dropped;
    const s = c.sinceHealth;
    const status = c.source?.state === 'backoff' ? 'down' : s.bad > 0 || s.dropped > 0 ? 'degraded' : 'ok';
    const counts: string[] = [];
    if (s.dropped > 0) counts.push(`${s.dropped} frames dropped`);
    if (s.bad > 0) counts.push(`${s.bad} bad frames`);
    const parts: string[] = [];
    if (counts.length > 0) parts.push(`${counts.join(', ')} since the last report`);
    if (s.error) parts.push(`last error: ${s.error}`);
    const health: HealthV1 = {
      v: 1,
      type: 'health',
      store,
      source: c.id,
      status,
      framesIn: q.in,
      framesDropped: q.dropped,
      pixelLifetimeMs: c.frameLifetimes.summary(),
      t,
      seq: seq(),
    };
    if (parts.length > 0) health.message = clip(parts.join('; '));
    events.push(health);
    c.sinceHealth = { bad: 0, dropped: 0, error: undefined };
  }
  const statuses = events.map((e) => e.status);
  events.push({
    v: 1,
    type: 'health',
    store,
    source: 'engine',
    status:
      statuses.length > 0 && statuses.every((s) => s === 'down')
        ? 'down'
        : statuses.some((s) => s !== 'ok')
          ? 'degraded'
          : 'ok',
    framesIn,
    framesDropped,
    pixelLifetimeMs: engineFrames.summary(),
    t,
    seq: seq(),
  });
  return events;
}

/** Health messages are at most 300 characters. */
function clip(s: string): string {
  return s.length <= 300 ? s : `${s.slice(0, 299)}…`;
}
