import { describe, expect, it } from 'vitest';
import { ageBands } from '../../engine/events/index.ts';
import { seededRng } from '../../engine/privacy/index.ts';
import { AGE_SPEED_RANGES, type AgeBand, drawWalkingSpeed } from '../../scenarios/sim/index.ts';

/** The event schema's age bands. */
const bands: readonly AgeBand[] = ageBands;
const N = 10_000;

function draws(age: AgeBand, seed: string): number[] {
  const rng = seededRng(seed);
  return Array.from({ length: N }, () => drawWalkingSpeed(age, rng));
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('walking speed by age (RiMEA test 7)', () => {
  it('has a range for every age band of the event schema, inside plausible walking speeds', () => {
    expect(Object.keys(AGE_SPEED_RANGES).sort()).toEqual([...bands].sort());
    for (const [lo, hi] of Object.values(AGE_SPEED_RANGES)) {
      expect(lo).toBeGreaterThan(0.3);
      expect(hi).toBeGreaterThan(lo);
      expect(hi).toBeLessThan(2.5);
    }
  });

  it.each(bands)('draws for %s stay in the band’s range and cover it end to end', (age) => {
    const [lo, hi] = AGE_SPEED_RANGES[age];
    const v = draws(age, `speed-${age}`);
    const min = Math.min(...v);
    const max = Math.max(...v);
    expect(min).toBeGreaterThanOrEqual(lo);
    expect(max).toBeLessThanOrEqual(hi);
    // 10,000 uniform draws leave a gap under 0.1% of the width at either end (P(fail) ≈ e^−10).
    expect(min - lo).toBeLessThan((hi - lo) / 1000);
    expect(hi - max).toBeLessThan((hi - lo) / 1000);
    // Uniform: the mean is the middle, to 4 standard errors ((hi − lo) / √12 / √N).
    expect(Math.abs(mean(v) - (lo + hi) / 2)).toBeLessThan((4 * (hi - lo)) / Math.sqrt(12 * N));
  });

  it('stays in range for the extreme outputs of the random source', () => {
    for (const age of bands) {
      const [lo, hi] = AGE_SPEED_RANGES[age];
      expect(drawWalkingSpeed(age, () => 0)).toBe(lo);
      expect(drawWalkingSpeed(age, () => 1 - 2 ** -53)).toBeLessThanOrEqual(hi);
    }
  });

  it('makes people of 65 and over slower on average than those of 18 to 29', () => {
    const old = mean(draws('65+', 'old'));
    const young = mean(draws('18-29', 'young'));
    expect(old).toBeLessThan(young - 0.3);
  });

  it('gives the same speed for the same stream', () => {
    expect(draws('30-44', 'same')).toEqual(draws('30-44', 'same'));
  });
});
