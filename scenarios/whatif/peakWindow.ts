import { minutesOfDay } from '../../engine/layout/index.ts';

/** "HH:MM" of a minute of the day. */
const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The busiest `minutes` of a store day: the window starting where the arrival rate is highest
 * (the first such piece), moved back so that it ends by closing time. With the demo grocery's
 * profile that is 12:00–13:00, the lunch peak.
 */
export function peakWindow(
  perMinute: readonly (readonly [string, number])[],
  day: { start: string; end: string },
  minutes = 60,
): { start: string; end: string } {
  const open = minutesOfDay(day.start);
  const close = minutesOfDay(day.end);
  let best = open;
  let rate = -1;
  for (const [t, r] of perMinute) {
    const from = Math.max(open, minutesOfDay(t));
    if (r > rate && from < close) {
      rate = r;
      best = from;
    }
  }
  const length = Math.min(minutes, close - open);
  const start = Math.max(open, Math.min(best, close - length));
  return { start: hhmm(start), end: hhmm(start + length) };
}
