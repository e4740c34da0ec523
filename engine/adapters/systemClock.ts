import type { Clock } from '../clock.ts';

/** The machine's clock: the one place the live engine reads real time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};
