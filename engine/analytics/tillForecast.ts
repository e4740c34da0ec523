import { bisectRight } from 'd3-array';
import type { Till } from '../layout/index.ts';
import { release } from '../privacy/index.ts';
import { serversNeeded } from './erlangC.ts';
import type { EventTable } from './eventTable.ts';

/** Tills needed in the next `horizonMin` minutes, forecast at time `at`. */
export type TillForecast = {
  at: number;
  horizonMin: number;
  /** Forecast arrivals at the checkout per minute; null when built from fewer than k people. */
  arrivalsPerMin: number | null;
  /** Fewest tills that keep the mean wait at or below the target (Erlang C); null when suppressed. */
  tills: number | null;
};

export type TillForecastOptions = {
  /** How often to forecast (ms) and over which horizons (min). */
  everyMs?: number;
  horizonsMin?: readonly number[];
  /** Target mean wait (s). */
  maxWaitS?: number;
};

/** Mean service time (s) of a till, with `meanItems` for per-item service. */
export function serviceSeconds(till: Till, meanItems: number): number {
  return 'exponential_s' in till.serviceTime
    ? till.serviceTime.exponential_s
    : till.serviceTime.base_s + till.serviceTime.perItem_s * meanItems;
}

/**
 * Tills needed in the next 15 and 30 minutes. People reach the checkout about one visit duration
 * D after they come in, so arrivals at the tills in [t, t + h] are the door's entries in
 * [t − D, t + h − D]; the part still in the future at t (when h > D) is forecast at the entry rate
 * of the last 15 minutes. The staffed tills' mean service time (layout, with the configured mean
 * basket) gives μ, and Erlang C the fewest servers for the wait target. Only door counts up to the
 * forecast time are read.
 */
export function tillForecast(
  table: EventTable,
  visitMs: number,
  opts: TillForecastOptions = {},
): TillForecast[] {
  const everyMs = opts.everyMs ?? 15 * 60_000;
  const horizons = opts.horizonsMin ?? [15, 30];
  const maxWaitS = opts.maxWaitS ?? 120;
  const { k, meanItems } = table.settings;
  const staffed = table.store.tills.filter((t) => t.kind === 'staffed');
  const tills = staffed.length ? staffed : table.store.tills;
  if (!tills.length || !Number.isFinite(visitMs)) return [];
  const mu = 1 / (tills.reduce((s, t) => s + serviceSeconds(t, meanItems), 0) / tills.length);
  const c = table.counts;
  // Cumulative entries at each count's time, to read entries in any window by bisection.
  const times: number[] = [];
  const cum: number[] = [0];
  for (let i = 0; i < c.length; i++) {
    if (c.direction[i] !== 1) continue;
    times.push(c.t[i] as number);
    cum.push((cum[cum.length - 1] as number) + (c.n[i] as number));
  }
  if (!times.length) return [];
  const upTo = (t: number) => cum[bisectRight(times, t)] as number;
  const out: TillForecast[] = [];
  const first = Math.ceil((times[0] as number) / everyMs) * everyMs;
  const last = times[times.length - 1] as number;
  for (let at = first; at <= last; at += everyMs) {
    const recent = (upTo(at) - upTo(at - 15 * 60_000)) / (15 * 60_000);
    for (const h of horizons) {
      const hMs = h * 60_000;
      const from = at - visitMs;
      const to = at + hMs - visitMs;
      const seen = upTo(Math.min(at, to)) - upTo(from);
      const future = to > at ? recent * (to - at) : 0;
      const people = seen + future;
      const lambda = people / (hMs / 1000);
      const ok = !release({ value: people, groups: Math.round(people) }, k).suppressed;
      out.push({
        at,
        horizonMin: h,
        arrivalsPerMin: ok ? lambda * 60 : null,
        tills: ok ? serversNeeded(lambda, mu, maxWaitS) : null,
      });
    }
  }
  return out;
}
