import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussian, seededRng } from '../../engine/privacy/index.ts';
import {
  holm,
  incompleteBeta,
  meanInterval,
  pairedDifference,
  tCdf,
  tQuantile,
  tTwoSided,
} from '../../scenarios/whatif/index.ts';

// The statistics of a what-if (issue 9): Student's t, the mean's interval, the paired t-test and
// Holm's correction, checked against tables and, on synthetic normal data, against what they
// promise (coverage, false-alarm rates).

describe("Student's t", () => {
  it('has the quantiles of the tables', () => {
    // Two-sided 95% critical values.
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062047, 6);
    expect(tQuantile(0.975, 2)).toBeCloseTo(4.3026527, 6);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.7764451, 6);
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.2621572, 6);
    expect(tQuantile(0.975, 19)).toBeCloseTo(2.0930241, 6);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 4);
    expect(tQuantile(0.995, 4)).toBeCloseTo(4.6040949, 6);
    expect(tQuantile(0.025, 4)).toBeCloseTo(-2.7764451, 6);
    expect(tQuantile(0.5, 3)).toBe(0);
  });

  it('has the CDF of the tables, and the Cauchy distribution at one degree of freedom', () => {
    expect(tCdf(2.7764451, 4)).toBeCloseTo(0.975, 7);
    expect(tCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(tCdf(1, 1)).toBeCloseTo(0.75, 10);
    expect(tTwoSided(2.0930241, 19)).toBeCloseTo(0.05, 7);
    expect(tTwoSided(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
  });

  it('quantile and CDF invert each other (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (p, df) => {
          expect(tCdf(tQuantile(p, df), df)).toBeCloseTo(p, 9);
        },
      ),
    );
  });

  it('refuses p outside (0, 1) and df ≤ 0', () => {
    expect(() => tQuantile(1, 3)).toThrow(/p must lie in \(0, 1\)/);
    expect(() => tQuantile(0.5, 0)).toThrow(/df must be positive/);
  });
});

describe('the mean and its interval', () => {
  it('is mean ± t·s/√n', () => {
    const m = meanInterval([1, 2, 3, 4, 5]);
    expect(m.mean).toBe(3);
    expect(m.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    const half = 2.7764451 * (Math.sqrt(2.5) / Math.sqrt(5));
    expect(m.lo).toBeCloseTo(3 - half, 6);
    expect(m.hi).toBeCloseTo(3 + half, 6);
    expect(meanInterval([7])).toEqual({ n: 1, mean: 7, sd: null, lo: null, hi: null });
    expect(meanInterval([])).toEqual({ n: 0, mean: null, sd: null, lo: null, hi: null });
  });

  it('covers the true mean of normal data 95% of the time, for 3 to 30 values', () => {
    const rng = seededRng('whatif-coverage');
    for (const n of [3, 5, 10, 30]) {
      const trials = 4000;
      let covered = 0;
      for (let t = 0; t < trials; t++) {
        const xs = Array.from({ length: n }, () => 10 + 3 * gaussian(rng));
        const m = meanInterval(xs);
        if ((m.lo as number) <= 10 && 10 <= (m.hi as number)) covered++;
      }
      // Binomial SD at 4,000 trials is 0.0034: ±0.012 is 3.5 SD.
      expect(covered / trials, `n = ${n}`).toBeGreaterThan(0.938);
      expect(covered / trials, `n = ${n}`).toBeLessThan(0.962);
    }
  });
});

describe('the paired t-test', () => {
  it('tests the mean of b − a', () => {
    const a = [10, 12, 9, 14, 11];
    const b = [8, 10, 8, 11, 10];
    const d = pairedDifference(a, b);
    expect(d.mean).toBeCloseTo(-1.8, 12);
    // d = [-2, -2, -1, -3, -1]: sd 0.8367, t = -1.8 / (0.8367/√5) = -4.811, p(df 4) = 0.00859.
    expect(d.t).toBeCloseTo(-4.8107, 3);
    expect(d.p).toBeCloseTo(0.00859, 4);
    expect(d.hi as number).toBeLessThan(0);
  });

  it('says p = 1 when nothing changed at all and p = 0 for a constant shift', () => {
    expect(pairedDifference([1, 2, 3], [1, 2, 3])).toMatchObject({ mean: 0, p: 1, lo: 0, hi: 0 });
    expect(pairedDifference([1, 2, 3], [2, 3, 4])).toMatchObject({ mean: 1, p: 0 });
    expect(pairedDifference([1], [2])).toMatchObject({ n: 1, p: null });
    expect(() => pairedDifference([1, 2], [1])).toThrow(/2 baseline values against 1/);
  });

  it('gains from pairing: correlated arms with a small shift are told apart', () => {
    const rng = seededRng('whatif-pairing');
    const base = Array.from({ length: 8 }, () => 50 + 20 * gaussian(rng));
    const variant = base.map((x) => x - 3 + gaussian(rng));
    expect(pairedDifference(base, variant).p as number).toBeLessThan(0.001);
    // Unpaired, the arms' spread (20) would hide a shift of 3 entirely.
    const ma = meanInterval(base);
    const mb = meanInterval(variant);
    expect((mb.hi as number) > (ma.lo as number) && (ma.hi as number) > (mb.lo as number)).toBe(true);
  });

  it('raises a false alarm in 5% of tests when nothing changed, and Holm in at most 5% of families', () => {
    const rng = seededRng('whatif-null');
    const families = 2000;
    const kpis = 20;
    let alarms = 0;
    let familiesWithAlarm = 0;
    for (let f = 0; f < families; f++) {
      const ps: number[] = [];
      for (let k = 0; k < kpis; k++) {
        // Correlated pairs (common random numbers), no effect.
        const a = Array.from({ length: 6 }, () => 100 + 10 * gaussian(rng));
        const b = a.map((x) => x + 2 * gaussian(rng));
        ps.push(pairedDifference(a, b).p as number);
      }
      alarms += ps.filter((p) => p < 0.05).length;
      if (holm(ps).some((p) => (p as number) < 0.05)) familiesWithAlarm++;
    }
    const rate = alarms / (families * kpis);
    expect(rate).toBeGreaterThan(0.04);
    expect(rate).toBeLessThan(0.06);
    // Holm keeps P(any false alarm among the 20) ≤ 5% (here about 4.9%; SD at 2,000 families 0.5%).
    expect(familiesWithAlarm / families).toBeLessThan(0.065);
  });
});

describe("Holm's correction", () => {
  it('multiplies the k-th smallest p by (m − k + 1), keeps the order and caps at 1', () => {
    expect(holm([0.01, 0.04, 0.03, null, 0.5])).toEqual([0.04, 0.09, 0.09, null, 0.5]);
    expect(holm([0.2, 0.3])).toEqual([0.4, 0.4]);
    expect(holm([0.9, 0.8])).toEqual([1, 1]);
    expect(holm([])).toEqual([]);
  });

  it('never lowers a p-value and keeps their order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (ps) => {
        const adj = holm(ps) as number[];
        ps.forEach((p, i) => {
          expect(adj[i]).toBeGreaterThanOrEqual(p);
          expect(adj[i]).toBeLessThanOrEqual(1);
          ps.forEach((q, j) => {
            if (p < q) expect(adj[i]).toBeLessThanOrEqual(adj[j] as number);
          });
        });
      }),
    );
  });
});
