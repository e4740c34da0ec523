import { describe, expect, it } from 'vitest';
import { EpsilonLedger, seededRng } from '../../../engine/privacy/index.ts';
import { epsilonReport } from '../../../engine/privacy/risk/index.ts';

describe('the ε ledger report', () => {
  it('lists every noisy release, the total spent, the budget left and the e^ε bound', () => {
    const ledger = new EpsilonLedger(2);
    const rng = seededRng(1);
    ledger.noisyCount('visits:a', 100, 0.5, rng, 7);
    ledger.noisyCount('visits:b', 80, 0.25, rng, 7);
    const r = epsilonReport(ledger);
    expect(r.budget).toBe(2);
    expect(r.spent).toBeCloseTo(0.75, 12);
    expect(r.remaining).toBeCloseTo(1.25, 12);
    expect(r.bound).toBeCloseTo(Math.exp(0.75), 12);
    expect(r.releases).toEqual([
      { release: 'visits:a', epsilon: 0.5, sensitivity: 7 },
      { release: 'visits:b', epsilon: 0.25, sensitivity: 7 },
    ]);
  });

  it('has no budget to report for an unbounded ledger', () => {
    const r = epsilonReport(new EpsilonLedger());
    expect(r).toEqual({ budget: null, spent: 0, remaining: null, bound: 1, releases: [] });
  });
});
