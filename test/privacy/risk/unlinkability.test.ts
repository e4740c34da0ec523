import { describe, expect, it } from 'vitest';
import { unlinkability } from '../../../engine/privacy/risk/index.ts';
import { thrown } from '../../thrown.ts';

const repeat = (pairs: [number, number][]) => pairs.flatMap(([score, n]) => Array<number>(n).fill(score));

describe('unlinkability (Gomez-Barrero et al. 2018)', () => {
  it('is 0 when mated and non-mated scores are alike', () => {
    const s = repeat([
      [0, 50],
      [0.3, 30],
      [0.9, 20],
    ]);
    const u = unlinkability(s, s, { seed: 1 });
    expect(u.atOne.dsys).toBe(0);
    expect(u.atOne.local.every((d) => d === 0)).toBe(true);
  });

  it('is 1 when they never overlap', () => {
    const u = unlinkability(repeat([[1, 40]]), repeat([[0, 400]]), { seed: 1 });
    expect(u.atOne.dsys).toBe(1);
    expect(u.atOne.lo).toBe(1);
    expect(u.lr[10]).toBe(Number.POSITIVE_INFINITY);
  });

  it('follows D↔(s) = 2ωLR/(1 + ωLR) − 1 and D↔sys = Σ p(s|mated)·D↔(s)', () => {
    // LR = 3 at score 0.5 (75% of mated, 25% of non-mated), 1/3 at score 0.
    const mated = repeat([
      [0.5, 75],
      [0, 25],
    ]);
    const nonMated = repeat([
      [0.5, 250],
      [0, 750],
    ]);
    const u = unlinkability(mated, nonMated, { seed: 1, omega: 3 });
    expect(u.lr[5]).toBeCloseTo(3, 12);
    expect(u.atOne.local[5]).toBeCloseTo(0.5, 12);
    expect(u.atOne.dsys).toBeCloseTo(0.375, 12);
    // ω = 3: ωLR = 9 → D = 0.8 at 0.5; ωLR = 1 at 0 → 0.
    expect(u.atPrior?.dsys).toBeCloseTo(0.6, 12);
    expect(unlinkability(mated, nonMated, { seed: 1, omega: 1 / 3 }).atPrior?.dsys).toBeCloseTo(0, 12);
    expect(u.atOne.lo).toBeLessThanOrEqual(0.375);
    expect(u.atOne.hi).toBeGreaterThanOrEqual(0.375);
    expect(u.n).toEqual({ mated: 100, nonMated: 1000 });
  });

  it('refuses a prior that is not positive', () => {
    expect(thrown(() => unlinkability([1], [0], { seed: 1, omega: 0 })).code).toBe('E_CONFIG');
  });
});
