import type { HealthV1 } from '../events/index.ts';

/** Rounds failed in a row from which the uplink reports itself down rather than degraded. */
export const UPLINK_DOWN_AFTER = 3;

/**
 * A health event for the store's uplink (source "uplink"), to go with the engine's own: "ok" while
 * rounds go through, "degraded" after a failed round, "down" after `UPLINK_DOWN_AFTER` in a row;
 * the message says how many failed, how many events wait in the outbox and the last error (which
 * names no password: the uplink's errors show URLs redacted). It travels like any event, so the
 * cloud learns of an outage when it is over, from the store's own account. No frames pass the
 * uplink: its frame counts and lifetimes are zero.
 */
export function uplinkHealth(
  store: string,
  t: number,
  seq: number,
  state: { consecutiveFailures: number; lastError?: string; queued: number },
): HealthV1 {
  const n = state.consecutiveFailures;
  const status = n === 0 ? 'ok' : n < UPLINK_DOWN_AFTER ? 'degraded' : 'down';
  const parts = [`${state.queued} events queued`];
  if (n > 0) parts.unshift(`${n} rounds failed in a row`);
  if (n > 0 && state.lastError) parts.push(`last error: ${state.lastError}`);
  const message = parts.join('; ');
  return {
    v: 1,
    type: 'health',
    store,
    source: 'uplink',
    status,
    framesIn: 0,
    framesDropped: 0,
    pixelLifetimeMs: { count: 0, p50: 0, p90: 0, p99: 0, max: 0 },
    message: message.length <= 300 ? message : `${message.slice(0, 299)}…`,
    t,
    seq,
  };
}
