import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, loadLabConfig } from '../../../scenarios/privacy/index.ts';
import { figureThreshold, rateFigure } from '../../../scenarios/privacy/report/index.ts';

// Ratings read a threshold the way the privacy property tests do: the upper end of the 95% interval
// must be within it for green.

describe('rateFigure', () => {
  const t = { value: 0.2, bound: 'atMost' as const };
  it('is green when the whole interval is within the threshold', () => {
    expect(rateFigure({ value: 0.1, low: 0.08, high: 0.12 }, t)).toBe('green');
    expect(rateFigure({ value: 0.2, low: 0.2, high: 0.2 }, t)).toBe('green');
  });
  it('is amber when the estimate is within but the interval reaches past the threshold', () => {
    expect(rateFigure({ value: 0.18, low: 0.15, high: 0.22 }, t)).toBe('amber');
  });
  it('is red when the estimate is past the threshold, however wide the interval', () => {
    expect(rateFigure({ value: 0.82, low: 0.8, high: 0.84 }, t)).toBe('red');
    expect(rateFigure({ value: 0.21, low: 0, high: 1 }, t)).toBe('red');
  });
  it('reads a lower bound (k at least 5) from the low end', () => {
    const k = { value: 5, bound: 'atLeast' as const };
    expect(rateFigure({ value: 12, low: 10, high: 14 }, k)).toBe('green');
    expect(rateFigure({ value: 6, low: 4, high: 8 }, k)).toBe('amber');
    expect(rateFigure({ value: 3, low: 3, high: 3 }, k)).toBe('red');
  });
  it('never rates a figure better against a stricter threshold (property)', () => {
    const rank = { green: 0, amber: 1, red: 2 };
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (value, below, above, t1, t2) => {
          const f = { value, low: Math.max(0, value - below), high: Math.min(1, value + above) };
          const [strict, loose] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const a = rateFigure(f, { value: strict, bound: 'atMost' });
          const b = rateFigure(f, { value: loose, bound: 'atMost' });
          expect(rank[a]).toBeGreaterThanOrEqual(rank[b]);
        },
      ),
    );
  });
});

describe('figureThreshold', () => {
  const demo = loadLabConfig();
  it('rates against the default, and shows the configuration’s stated tolerance beside it', () => {
    const link = figureThreshold('linkability.interval', demo);
    expect(link.threshold.value).toBe(DEFAULT_THRESHOLDS.linkAcrossDays);
    expect(link.threshold.value).toBe(0.2);
    expect(link.configured).toEqual({ value: 0.95, source: "the configuration's thresholds.linkAcrossDays" });
  });
  it('states a threshold and where it comes from for every kind of figure', () => {
    const cases: [string, number, 'atMost' | 'atLeast'][] = [
      ['singlingOut', 0.2, 'atMost'],
      ['inference.age', 0.2, 'atMost'],
      ['linkability.days', 0.2, 'atMost'],
      ['unlinkability.intervals.one', 0.05, 'atMost'],
      ['unlinkability.interval.prior', 0.05, 'atMost'],
      ['posterior.lunch', 0.5, 'atMost'],
      ['occupancy.prosecutor', 0.2, 'atMost'],
      ['occupancy.journalist', 0.05, 'atMost'],
      ['occupancy.marketer', 0.05, 'atMost'],
      ['occupancy.kMedian', 5, 'atLeast'],
      ['unicity.p4', 0.2, 'atMost'],
      ['chaining.share', 0.2, 'atMost'],
      ['epsilon.spent', 1, 'atMost'],
    ];
    for (const [id, value, bound] of cases) {
      const t = figureThreshold(id, demo).threshold;
      expect(t.value, id).toBe(value);
      expect(t.bound, id).toBe(bound);
      expect(t.source.length, id).toBeGreaterThan(10);
    }
    // The demo lab file states only linkAcrossDays and its ε budget; nothing else is accepted.
    expect(figureThreshold('singlingOut', demo).configured).toBeNull();
    expect(figureThreshold('epsilon.spent', demo).configured?.value).toBe(10);
  });
});
