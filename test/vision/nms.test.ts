import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Box, iou, nms } from '../../engine/vision/nms.ts';

const box = fc.record({
  x: fc.double({ min: 0, max: 100, noNaN: true }),
  y: fc.double({ min: 0, max: 100, noNaN: true }),
  width: fc.double({ min: 1, max: 50, noNaN: true }),
  height: fc.double({ min: 1, max: 50, noNaN: true }),
});
const candidates = fc.array(fc.record({ box, score: fc.double({ min: 0, max: 1, noNaN: true }) }), {
  maxLength: 30,
});

describe('iou', () => {
  it('is symmetric, within 0…1, and 1 for a box with itself', () => {
    fc.assert(
      fc.property(box, box, (a: Box, b: Box) => {
        expect(iou(a, b)).toBeCloseTo(iou(b, a), 12);
        expect(iou(a, b)).toBeGreaterThanOrEqual(0);
        expect(iou(a, b)).toBeLessThanOrEqual(1 + 1e-12);
        expect(iou(a, a)).toBeCloseTo(1, 12);
      }),
    );
  });

  it('is the overlap area over the union', () => {
    expect(iou({ x: 0, y: 0, width: 2, height: 2 }, { x: 1, y: 0, width: 2, height: 2 })).toBeCloseTo(2 / 6);
    expect(iou({ x: 0, y: 0, width: 1, height: 1 }, { x: 1, y: 1, width: 1, height: 1 })).toBe(0);
  });
});

describe('nms', () => {
  it('keeps the best, keeps no two that overlap too much, and drops only what a better kept box covers', () => {
    fc.assert(
      fc.property(candidates, fc.double({ min: 0, max: 0.9, noNaN: true }), (cs, maxIou) => {
        const kept = nms(cs, maxIou);
        if (cs.length > 0) expect(kept[0]?.score).toBe(Math.max(...cs.map((c) => c.score)));
        for (let i = 0; i < kept.length; i++)
          for (let j = i + 1; j < kept.length; j++)
            expect(
              iou((kept[i] as (typeof cs)[number]).box, (kept[j] as (typeof cs)[number]).box),
            ).toBeLessThanOrEqual(maxIou);
        for (const c of cs)
          if (!kept.includes(c))
            expect(kept.some((k) => k.score >= c.score && iou(k.box, c.box) > maxIou)).toBe(true);
        expect(nms(kept, maxIou)).toEqual(kept);
      }),
    );
  });

  it('stops at the limit', () => {
    const cs = [0, 10, 20].map((x, i) => ({ box: { x, y: 0, width: 5, height: 5 }, score: 1 - i / 10 }));
    expect(nms(cs, 0.3, 2)).toEqual(cs.slice(0, 2));
  });
});
