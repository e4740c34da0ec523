import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  distance,
  orient,
  pointOnSegment,
  pointSegmentDistance,
  polylineLength,
  segmentHits,
  segmentsIntersect,
} from '../../../engine/layout/geometry/segment.ts';
import type { Point } from '../../../engine/layout/geometry/types.ts';

// Integer coordinates keep orient() and the intersection tests exact, so properties can demand equality.
const gridPoint = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }));
const coord = fc.double({ min: -100, max: 100, noNaN: true });
const point = fc.tuple(coord, coord);
const unit = fc.double({ min: 0, max: 1, noNaN: true });

const lerp = (a: Point, b: Point, t: number): Point => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
const same = (a: Point, b: Point) => a[0] === b[0] && a[1] === b[1];

describe('orient', () => {
  it('is positive when c lies left of a→b, negative when right, zero when collinear', () => {
    expect(orient([0, 0], [1, 0], [0, 1])).toBeGreaterThan(0);
    expect(orient([0, 0], [1, 0], [0, -1])).toBeLessThan(0);
    expect(orient([0, 0], [1, 0], [5, 0])).toBe(0);
  });

  it('is twice the signed area of the triangle', () => {
    expect(orient([0, 0], [4, 0], [0, 3])).toBe(12);
    expect(orient([0, 0], [0, 3], [4, 0])).toBe(-12);
  });

  it('flips sign when a and b swap, and is unchanged by cyclic rotation', () => {
    fc.assert(
      fc.property(gridPoint, gridPoint, gridPoint, (a, b, c) => {
        // integer inputs make these exact; toBeCloseTo only so that −0 and +0 compare equal
        expect(orient(b, a, c)).toBeCloseTo(-orient(a, b, c), 9);
        expect(orient(b, c, a)).toBeCloseTo(orient(a, b, c), 9);
        expect(orient(c, a, b)).toBeCloseTo(orient(a, b, c), 9);
      }),
    );
  });

  it('is zero for any point on the line through a and b', () => {
    fc.assert(
      fc.property(gridPoint, gridPoint, fc.integer({ min: -5, max: 5 }), (a, b, k) => {
        const c: Point = [a[0] + k * (b[0] - a[0]), a[1] + k * (b[1] - a[1])];
        expect(orient(a, b, c)).toBeCloseTo(0, 9);
      }),
    );
  });
});

describe('distance', () => {
  it('is the Euclidean distance', () => {
    expect(distance([1, 1], [4, 5])).toBe(5);
    expect(distance([2, 2], [2, 2])).toBe(0);
  });
});

describe('pointSegmentDistance', () => {
  it('is the perpendicular distance when the foot lies within the segment', () => {
    expect(pointSegmentDistance([0, 1], [-1, 0], [1, 0])).toBe(1);
    expect(pointSegmentDistance([0.5, -2], [0, 0], [1, 0])).toBe(2);
  });

  it('is the distance to the nearer end when the foot lies beyond it', () => {
    expect(pointSegmentDistance([3, 0], [-1, 0], [1, 0])).toBe(2);
    expect(pointSegmentDistance([-4, 4], [-1, 0], [1, 0])).toBe(5);
  });

  it('is the distance to the point when the segment is degenerate', () => {
    expect(pointSegmentDistance([3, 4], [0, 0], [0, 0])).toBe(5);
  });

  it('is zero for every point on the segment', () => {
    fc.assert(
      fc.property(point, point, unit, (a, b, t) => {
        expect(pointSegmentDistance(lerp(a, b, t), a, b)).toBeLessThan(1e-9);
      }),
    );
  });

  it('is non-negative, symmetric in a and b, and no more than the distance to either end', () => {
    fc.assert(
      fc.property(point, point, point, (p, a, b) => {
        const d = pointSegmentDistance(p, a, b);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(Math.abs(d - pointSegmentDistance(p, b, a))).toBeLessThan(1e-9);
        expect(d).toBeLessThanOrEqual(distance(p, a) + 1e-9);
        expect(d).toBeLessThanOrEqual(distance(p, b) + 1e-9);
      }),
    );
  });

  it('equals the distance to a point on the segment, so it is at most the distance to any of them', () => {
    fc.assert(
      fc.property(point, point, point, unit, (p, a, b, t) => {
        expect(pointSegmentDistance(p, a, b)).toBeLessThanOrEqual(distance(p, lerp(a, b, t)) + 1e-9);
      }),
    );
  });
});

describe('pointOnSegment', () => {
  it('accepts points within the tolerance and rejects points beyond it', () => {
    expect(pointOnSegment([0.5, 0], [0, 0], [1, 0])).toBe(true);
    expect(pointOnSegment([0.5, 1e-7], [0, 0], [1, 0])).toBe(true);
    expect(pointOnSegment([0.5, 1e-5], [0, 0], [1, 0])).toBe(false);
    expect(pointOnSegment([0.5, 0.05], [0, 0], [1, 0], 0.1)).toBe(true);
    expect(pointOnSegment([1.5, 0], [0, 0], [1, 0])).toBe(false);
  });
});

describe('segmentsIntersect', () => {
  it('is true for segments that cross', () => {
    expect(segmentsIntersect([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
  });

  it('is true for segments that touch at an end', () => {
    expect(segmentsIntersect([0, 0], [1, 1], [1, 1], [2, 0])).toBe(true);
    // an end of one touching the middle of the other (a T junction)
    expect(segmentsIntersect([0, 0], [2, 0], [1, 0], [1, 5])).toBe(true);
  });

  it('is true for collinear segments that overlap, and for one that contains the other', () => {
    expect(segmentsIntersect([0, 0], [2, 0], [1, 0], [3, 0])).toBe(true);
    expect(segmentsIntersect([0, 0], [4, 0], [1, 0], [2, 0])).toBe(true);
  });

  it('is false for collinear segments that are apart', () => {
    expect(segmentsIntersect([0, 0], [1, 0], [2, 0], [3, 0])).toBe(false);
  });

  it('is false for parallel segments', () => {
    expect(segmentsIntersect([0, 0], [2, 0], [0, 1], [2, 1])).toBe(false);
  });

  it('is false when the lines cross outside one of the segments', () => {
    expect(segmentsIntersect([0, 0], [1, 0], [2, -1], [2, 1])).toBe(false);
  });

  it('is symmetric in the two segments and in the direction of each', () => {
    fc.assert(
      fc.property(gridPoint, gridPoint, gridPoint, gridPoint, (a, b, c, d) => {
        const r = segmentsIntersect(a, b, c, d);
        expect(segmentsIntersect(c, d, a, b)).toBe(r);
        expect(segmentsIntersect(b, a, c, d)).toBe(r);
        expect(segmentsIntersect(a, b, d, c)).toBe(r);
      }),
    );
  });

  it('is true whenever the segments share a point', () => {
    fc.assert(
      fc.property(gridPoint, gridPoint, gridPoint, fc.integer({ min: 0, max: 4 }), (a, b, c, k) => {
        // d lies on a-b at a quarter step, so the shared point is exact on a grid scaled by 4
        const scale = (p: Point): Point => [p[0] * 4, p[1] * 4];
        const A = scale(a);
        const B = scale(b);
        const shared: Point = [A[0] + ((B[0] - A[0]) * k) / 4, A[1] + ((B[1] - A[1]) * k) / 4];
        const C = scale(c);
        // whichever end is the shared one, and whichever segment comes first
        expect(segmentsIntersect(A, B, C, shared)).toBe(true);
        expect(segmentsIntersect(A, B, shared, C)).toBe(true);
        expect(segmentsIntersect(C, shared, A, B)).toBe(true);
        expect(segmentsIntersect(shared, C, A, B)).toBe(true);
      }),
    );
  });
});

describe('segmentHits', () => {
  it('gives one parameter for a crossing', () => {
    expect(segmentHits([0, 0], [4, 0], [1, -1], [1, 1])).toEqual([0.25]);
  });

  it('gives the parameter of a touching end', () => {
    expect(segmentHits([0, 0], [4, 0], [4, 0], [4, 3])).toEqual([1]);
    expect(segmentHits([0, 0], [4, 0], [2, 0], [2, 3])).toEqual([0.5]);
  });

  it('gives the two ends of the shared stretch for collinear overlap', () => {
    expect(segmentHits([0, 0], [4, 0], [1, 0], [6, 0])).toEqual([0.25, 1]);
    expect(segmentHits([0, 0], [4, 0], [3, 0], [-2, 0])).toEqual([0, 0.75]);
  });

  it('finds collinear segments that meet end to end, at that end', () => {
    const hits = segmentHits([0, 0], [1, 0], [1, 0], [2, 0]);
    expect(hits.length).toBeGreaterThan(0);
    for (const t of hits) expect(t).toBe(1);
  });

  it('gives nothing for segments that are apart, parallel or collinear but disjoint', () => {
    expect(segmentHits([0, 0], [1, 0], [2, -1], [2, 1])).toEqual([]);
    expect(segmentHits([0, 0], [2, 0], [0, 1], [2, 1])).toEqual([]);
    expect(segmentHits([0, 0], [1, 0], [2, 0], [3, 0])).toEqual([]);
  });

  it('returns parameters in [0, 1] whose points lie on both segments', () => {
    fc.assert(
      fc.property(gridPoint, gridPoint, gridPoint, gridPoint, (a, b, c, d) => {
        for (const t of segmentHits(a, b, c, d)) {
          expect(t).toBeGreaterThanOrEqual(0);
          expect(t).toBeLessThanOrEqual(1);
          const p = lerp(a, b, t);
          expect(pointSegmentDistance(p, a, b)).toBeLessThan(1e-6);
          expect(pointSegmentDistance(p, c, d)).toBeLessThan(1e-6);
        }
      }),
    );
  });

  it('finds a hit exactly when the segments intersect (for a non-degenerate a→b)', () => {
    fc.assert(
      fc.property(gridPoint, gridPoint, gridPoint, gridPoint, (a, b, c, d) => {
        fc.pre(!same(a, b));
        expect(segmentHits(a, b, c, d).length > 0).toBe(segmentsIntersect(a, b, c, d));
      }),
    );
  });

  it('finds the crossing of two segments drawn through a common point', () => {
    const reach = fc.double({ min: 0.1, max: 10, noNaN: true });
    fc.assert(
      fc.property(
        point,
        point,
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        point,
        reach,
        reach,
        (a, b, s, v, k1, k2) => {
          // c-d runs through x = a + s·(b − a) in direction v, at a clear angle to a→b.
          fc.pre(distance(a, b) > 1 && Math.hypot(v[0], v[1]) > 1);
          const sin =
            orient([0, 0], [b[0] - a[0], b[1] - a[1]], v) / (distance(a, b) * Math.hypot(v[0], v[1]));
          fc.pre(Math.abs(sin) > 0.1);
          const x = lerp(a, b, s);
          const c: Point = [x[0] - k1 * v[0], x[1] - k1 * v[1]];
          const d: Point = [x[0] + k2 * v[0], x[1] + k2 * v[1]];
          const hits = segmentHits(a, b, c, d);
          expect(hits).toHaveLength(1);
          expect(Math.abs((hits[0] as number) - s)).toBeLessThan(1e-9);
        },
      ),
    );
  });
});

describe('polylineLength', () => {
  it('is zero for no points and for one point', () => {
    expect(polylineLength([])).toBe(0);
    expect(polylineLength([[3, 4]])).toBe(0);
  });

  it('adds up the legs and does not close the ring', () => {
    expect(
      polylineLength([
        [0, 0],
        [3, 4],
      ]),
    ).toBe(5);
    expect(
      polylineLength([
        [0, 0],
        [3, 0],
        [3, 4],
      ]),
    ).toBe(7);
  });

  it('is at least the straight-line distance between the ends, and the same read backwards', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 12 }), (pts) => {
        const len = polylineLength(pts);
        expect(len).toBeGreaterThanOrEqual(distance(pts[0] as Point, pts[pts.length - 1] as Point) - 1e-9);
        expect(Math.abs(len - polylineLength([...pts].reverse()))).toBeLessThan(1e-9);
      }),
    );
  });
});
