import { describe, expect, it } from 'vitest';
import { wilson } from '../../../engine/privacy/index.ts';
import { residualRisk } from '../../../engine/privacy/risk/index.ts';

describe('residual risk (Anonymeter)', () => {
  it('is (attack − control)/(1 − control), with an interval around it', () => {
    const r = residualRisk(wilson(80, 100), wilson(20, 100), wilson(10, 100), 4);
    expect(r.raw).toBeCloseTo(0.75, 12);
    expect(r.risk).toBeCloseTo(0.75, 12);
    expect(r.lo).toBeLessThan(0.75);
    expect(r.hi).toBeGreaterThan(0.75);
    expect(r.hi - r.lo).toBeGreaterThan(0.1);
    expect(r.meaningful).toBe(true);
    expect(r.attacks).toBe(100);
    expect(r.seed).toBe(4);
  });

  it('narrows with more attacks', () => {
    const small = residualRisk(wilson(8, 10), wilson(2, 10), wilson(1, 10), 1);
    const large = residualRisk(wilson(8000, 10000), wilson(2000, 10000), wilson(1000, 10000), 1);
    expect(large.hi - large.lo).toBeLessThan((small.hi - small.lo) / 10);
  });

  it('clips to [0, 1] as Anonymeter reports it, keeping the raw value', () => {
    const r = residualRisk(wilson(10, 100), wilson(30, 100), wilson(5, 100), 1);
    expect(r.raw).toBeLessThan(0);
    expect(r.risk).toBe(0);
    expect(r.lo).toBe(0);
  });

  it('says an attack no better than random guessing means nothing', () => {
    expect(residualRisk(wilson(10, 100), wilson(5, 100), wilson(20, 100), 1).meaningful).toBe(false);
  });

  it('leaves nothing to the release when the control always succeeds', () => {
    expect(residualRisk(wilson(100, 100), wilson(100, 100), wilson(0, 100), 1).raw).toBe(0);
  });
});
