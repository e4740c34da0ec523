import { describe, expect, it } from 'vitest';
import { cryptoRng } from '../../engine/adapters/cryptoRng.ts';
import { systemClock } from '../../engine/adapters/systemClock.ts';

describe('cryptoRng', () => {
  it('gives uniform numbers in [0, 1) from the operating system, different in two generators', () => {
    const a = cryptoRng();
    const b = cryptoRng();
    const xs = Array.from({ length: 20_000 }, a);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    // Mean of U(0, 1) is 0.5 with standard error 1/√(12n) ≈ 0.002; allow 5 standard errors.
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0102);
    expect(new Set(xs).size).toBe(xs.length);
    expect(Array.from({ length: 8 }, b)).not.toEqual(xs.slice(0, 8));
  });
});

describe('systemClock', () => {
  it('reads wall time in epoch ms and a monotonic clock', () => {
    const before = systemClock.now();
    expect(before).toBeGreaterThan(Date.parse('2020-01-01'));
    const m1 = systemClock.monotonic();
    const m2 = systemClock.monotonic();
    expect(m2).toBeGreaterThanOrEqual(m1);
  });
});
