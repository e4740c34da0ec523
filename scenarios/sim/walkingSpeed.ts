import type { Rng } from '../../engine/privacy/index.ts';
import type { AgeBand } from './population.ts';

/**
 * Free walking speed (m/s) by age band: the ranges of RiMEA test 7, read from Weidmann's speed
 * against age curve (fastest in the twenties, about half as fast past eighty), grouped into the
 * event schema's age bands. Each person's speed is drawn uniformly within their band.
 */
export const AGE_SPEED_RANGES: Readonly<Record<AgeBand, readonly [number, number]>> = {
  '0-17': [0.9, 1.6],
  '18-29': [1.15, 1.65],
  '30-44': [1.1, 1.6],
  '45-64': [0.95, 1.5],
  '65+': [0.6, 1.25],
};

/** Shoppers walk slower than commuters: this share of their free speed. */
export const SHOPPING_PACE = 0.8;

/** A person's free walking speed, uniform in their age band's range. */
export function drawWalkingSpeed(age: AgeBand, rng: Rng): number {
  const [lo, hi] = AGE_SPEED_RANGES[age];
  return lo + (hi - lo) * rng();
}
