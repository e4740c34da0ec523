import { describe, expect, it } from 'vitest';
import { wilson } from '../../../engine/privacy/index.ts';
import { residualRisk } from '../../../engine/privacy/risk/index.ts';
import { poolMeasure } from '../../../scenarios/privacy/report/index.ts';

describe('poolMeasure', () => {
  it('pools an attack’s trials over the seeds, so the interval narrows', () => {
    const risk = (s: number, c: number, seed: number) =>
      residualRisk(wilson(s, 1000), wilson(c, 1000), wilson(100, 1000), seed);
    const a = risk(800, 100, 1);
    const b = risk(820, 110, 2);
    const p = poolMeasure([
      { seed: 1, m: { kind: 'residual', risk: a } },
      { seed: 2, m: { kind: 'residual', risk: b } },
    ]);
    const direct = residualRisk(wilson(1620, 2000), wilson(210, 2000), wilson(200, 2000), 1);
    expect(p.value).toBeCloseTo(direct.risk, 12);
    expect(p.n).toBe(2000);
    expect(p.interval).toBe('anonymeter');
    expect(p.high - p.low).toBeLessThan(a.hi - a.lo);
    expect(p.perSeed.map((s) => s.seed)).toEqual([1, 2]);
    expect(p.perSeed[0]?.value).toBeCloseTo(a.risk, 12);
  });
  it('pools proportions by their counts and bootstrap figures as a mean of independent estimates', () => {
    const p = poolMeasure([
      { seed: 1, m: { kind: 'proportion', p: wilson(40, 100) } },
      { seed: 2, m: { kind: 'proportion', p: wilson(20, 100) } },
    ]);
    expect(p.value).toBeCloseTo(0.3, 12);
    expect(p.n).toBe(200);
    const b = poolMeasure([
      { seed: 1, m: { kind: 'bootstrap', value: 0.5, lo: 0.4, hi: 0.6, n: 10 } },
      { seed: 2, m: { kind: 'bootstrap', value: 0.7, lo: 0.6, hi: 0.8, n: 10 } },
    ]);
    expect(b.value).toBeCloseTo(0.6, 12);
    expect(b.high - b.value).toBeCloseTo(Math.sqrt(0.02) / 2, 12);
  });
  it('takes the largest of a worst-case risk and the range of the seeds as its interval', () => {
    const p = poolMeasure([
      { seed: 1, m: { kind: 'max', value: 0.5, n: 10 } },
      { seed: 2, m: { kind: 'max', value: 1, n: 10 } },
    ]);
    expect(p).toMatchObject({ value: 1, low: 0.5, high: 1, interval: 'seeds', n: 20 });
    const k = poolMeasure([
      { seed: 1, m: { kind: 'median', values: [1, 2, 12, 13, 14] } },
      { seed: 2, m: { kind: 'median', values: [3, 11, 12] } },
    ]);
    expect(k.value).toBe(12);
  });
});
