import { minutesOfDay } from '../../engine/layout/index.ts';
import type { Rng } from '../../engine/privacy/index.ts';

/**
 * Arrival times (seconds after midnight, store-local) for one day: a non-homogeneous Poisson
 * process whose rate is piecewise constant, `perMinute` arrivals per minute from each listed time
 * on, between the store's opening and closing. Exact for piecewise-constant rates: exponential
 * gaps within each piece (memorylessness makes restarting at a boundary correct).
 */
export function arrivalTimes(
  perMinute: readonly (readonly [string, number])[],
  open: string,
  close: string,
  rng: Rng,
): number[] {
  const start = minutesOfDay(open) * 60;
  const end = minutesOfDay(close) * 60;
  const pieces = perMinute.map(([t, rate], i) => ({
    from: Math.max(start, minutesOfDay(t) * 60),
    to: Math.min(
      end,
      i + 1 < perMinute.length ? minutesOfDay((perMinute[i + 1] as readonly [string, number])[0]) * 60 : end,
    ),
    perSecond: rate / 60,
  }));
  const out: number[] = [];
  for (const p of pieces) {
    if (p.perSecond <= 0 || p.to <= p.from) continue;
    let t = p.from;
    for (;;) {
      let u = rng();
      while (u === 0) u = rng();
      t += -Math.log(u) / p.perSecond;
      if (t >= p.to) break;
      out.push(t);
    }
  }
  return out;
}

/** The expected number of arrivals in a day: ∫ rate. */
export function expectedArrivals(
  perMinute: readonly (readonly [string, number])[],
  open: string,
  close: string,
): number {
  const start = minutesOfDay(open);
  const end = minutesOfDay(close);
  let total = 0;
  perMinute.forEach(([t, rate], i) => {
    const from = Math.max(start, minutesOfDay(t));
    const next = perMinute[i + 1];
    const to = Math.min(end, next ? minutesOfDay(next[0]) : end);
    if (to > from) total += rate * (to - from);
  });
  return total;
}
