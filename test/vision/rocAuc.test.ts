import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../engine/vision/rocAuc.ts';

describe('rocAuc', () => {
  it('is 1 for perfect separation, 0 for reversed, ½ for ties', () => {
    expect(rocAuc([0.9, 0.8], [0.1, 0.2, 0.3])).toBe(1);
    expect(rocAuc([0.1], [0.9, 0.8])).toBe(0);
    expect(rocAuc([0.5, 0.5], [0.5])).toBe(0.5);
    expect(rocAuc([], [1])).toBeNaN();
  });

  it('equals the share of (genuine, impostor) pairs ordered right, ties counting half', () => {
    const scores = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(scores, scores, (g, i) => {
        let wins = 0;
        for (const x of g) for (const y of i) wins += x > y ? 1 : x === y ? 0.5 : 0;
        expect(rocAuc(g, i)).toBeCloseTo(wins / (g.length * i.length), 12);
      }),
    );
  });
});
