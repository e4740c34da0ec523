import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretoFront } from '../../../scenarios/privacy/report/index.ts';

describe('paretoFront', () => {
  it('keeps the points nothing beats in both risk and error', () => {
    const pts = [
      { x: 0.9, y: 0.1 },
      { x: 0.3, y: 0.5 },
      { x: 0.5, y: 0.6 }, // beaten by (0.3, 0.5)
      { x: 0.2, y: null }, // no utility: never on the front
      { x: 0.9, y: 0.1 }, // equal to the first: neither beats the other
    ];
    expect(paretoFront(pts)).toEqual([true, true, false, false, true]);
  });
  it('no front point is dominated, every other point is (property)', () => {
    const pt = fc.record({
      x: fc.double({ min: 0, max: 1, noNaN: true }),
      y: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 12 }), (pts) => {
        const front = paretoFront(pts);
        const beats = (q: (typeof pts)[number], p: (typeof pts)[number]) =>
          q.x <= p.x && q.y <= p.y && (q.x < p.x || q.y < p.y);
        pts.forEach((p, i) => {
          const dominated = pts.some((q) => beats(q, p));
          expect(front[i]).toBe(!dominated);
        });
        expect(front.some(Boolean)).toBe(true);
      }),
    );
  });
});
