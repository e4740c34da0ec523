import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaOutside, clipToConvex, overlapArea } from '../../../engine/layout/geometry/clip.ts';
import {
  area,
  containsPoint,
  onBoundary,
  simplePolygonProblem,
  strictlyInside,
  translatePolygon,
} from '../../../engine/layout/geometry/polygon.ts';
import type { Point, Polygon } from '../../../engine/layout/geometry/types.ts';

const unitSquare: Polygon = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

const offset = fc.double({ min: -1.5, max: 1.5, noNaN: true });

/** A convex polygon, counter-clockwise: points on a circle at distinct, sorted whole-degree angles. */
const convexPolygon = fc
  .record({
    degrees: fc.uniqueArray(fc.integer({ min: 0, max: 359 }), { minLength: 3, maxLength: 16 }),
    radius: fc.double({ min: 0.5, max: 5, noNaN: true }),
    center: fc.tuple(
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
    ),
  })
  .map(({ degrees, radius, center }) =>
    [...degrees]
      .sort((a, b) => a - b)
      .map((d): Point => {
        const t = (d * Math.PI) / 180;
        return [center[0] + radius * Math.cos(t), center[1] + radius * Math.sin(t)];
      }),
  );

describe('overlapArea', () => {
  it('is the area of the shared rectangle for two overlapping rectangles', () => {
    expect(overlapArea(rect(0, 0, 4, 3), rect(2, 1, 6, 5))).toBeCloseTo(4, 12);
  });

  it('is the whole of the smaller polygon when one contains the other', () => {
    expect(overlapArea(rect(0, 0, 10, 10), rect(2, 2, 5, 4))).toBeCloseTo(6, 12);
    expect(overlapArea(rect(2, 2, 5, 4), rect(0, 0, 10, 10))).toBeCloseTo(6, 12);
  });

  it('is zero for squares that only touch along an edge or at a corner', () => {
    expect(overlapArea(unitSquare, translatePolygon(unitSquare, [1, 0]))).toBe(0);
    expect(overlapArea(unitSquare, translatePolygon(unitSquare, [0, -1]))).toBe(0);
    expect(overlapArea(unitSquare, translatePolygon(unitSquare, [1, 1]))).toBe(0);
  });

  it('is zero for polygons that are apart', () => {
    expect(overlapArea(unitSquare, translatePolygon(unitSquare, [3, 0.5]))).toBe(0);
  });

  it('does not depend on the direction of either ring', () => {
    const b = rect(0.5, 0.25, 2, 2);
    expect(overlapArea([...unitSquare].reverse(), b)).toBeCloseTo(0.5 * 0.75, 12);
    expect(overlapArea(unitSquare, [...b].reverse())).toBeCloseTo(0.5 * 0.75, 12);
  });

  it('of a unit square and its copy moved by (dx, dy) is max(0, 1 − |dx|)·max(0, 1 − |dy|)', () => {
    fc.assert(
      fc.property(offset, offset, (dx, dy) => {
        const expected = Math.max(0, 1 - Math.abs(dx)) * Math.max(0, 1 - Math.abs(dy));
        const got = overlapArea(unitSquare, translatePolygon(unitSquare, [dx, dy]));
        expect(Math.abs(got - expected)).toBeLessThan(1e-9);
      }),
    );
  });

  it('is symmetric and bounded by the smaller area', () => {
    fc.assert(
      fc.property(convexPolygon, convexPolygon, (a, b) => {
        const ab = overlapArea(a, b);
        expect(Math.abs(ab - overlapArea(b, a))).toBeLessThan(1e-9);
        expect(ab).toBeGreaterThanOrEqual(-1e-9);
        expect(ab).toBeLessThanOrEqual(Math.min(area(a), area(b)) + 1e-9);
      }),
    );
  });

  it('of a polygon with itself is its area', () => {
    fc.assert(
      fc.property(convexPolygon, (a) => {
        expect(Math.abs(overlapArea(a, a) - area(a))).toBeLessThan(1e-9);
      }),
    );
  });
});

describe('areaOutside', () => {
  it('is zero for a polygon inside another, and for a polygon against itself', () => {
    expect(areaOutside(rect(2, 2, 5, 4), rect(0, 0, 10, 10))).toBe(0);
    expect(areaOutside(unitSquare, unitSquare)).toBe(0);
  });

  it('is the part outside for a half-overlapping polygon', () => {
    // [0,2]² against [1,3]×[0,2]: the strip [0,1]×[0,2] sticks out
    expect(areaOutside(rect(0, 0, 2, 2), rect(1, 0, 3, 2))).toBeCloseTo(2, 12);
  });

  it('is the whole area for polygons that are apart or only touch', () => {
    expect(areaOutside(unitSquare, rect(5, 5, 6, 6))).toBeCloseTo(1, 12);
    expect(areaOutside(unitSquare, rect(1, 0, 2, 1))).toBeCloseTo(1, 12);
  });

  it('is what the outer polygon leaves of the inner, not the other way round', () => {
    expect(areaOutside(rect(0, 0, 10, 10), rect(2, 2, 5, 4))).toBeCloseTo(94, 12);
  });

  it('adds up with the overlap to the inner polygon’s area', () => {
    fc.assert(
      fc.property(convexPolygon, convexPolygon, (inner, outer) => {
        const outside = areaOutside(inner, outer);
        expect(outside).toBeGreaterThanOrEqual(-1e-9);
        expect(Math.abs(outside + overlapArea(inner, outer) - area(inner))).toBeLessThan(1e-9);
      }),
    );
  });
});

describe('clipToConvex', () => {
  it('returns the overlap as a ring without the closing repeat of its first point', () => {
    const r = clipToConvex(unitSquare, translatePolygon(unitSquare, [0.5, 0.5]));
    expect(r).toHaveLength(4);
    expect(r[0]).not.toEqual(r[r.length - 1]);
    expect(area(r)).toBeCloseTo(0.25, 12);
    for (const corner of [
      [0.5, 0.5],
      [1, 0.5],
      [1, 1],
      [0.5, 1],
    ] as Point[]) {
      expect(r).toContainEqual(corner);
    }
  });

  it('returns nothing for polygons that are apart', () => {
    expect(clipToConvex(unitSquare, rect(3, 3, 4, 4))).toEqual([]);
  });

  it('keeps the exact area of a non-convex subject cut into two pieces', () => {
    // a U-shaped polygon whose two arms both reach into the bar below
    const u: Polygon = [
      [0, 0],
      [1, 0],
      [1, 2],
      [2, 2],
      [2, 0],
      [3, 0],
      [3, 3],
      [0, 3],
    ];
    expect(area(clipToConvex(u, rect(-1, -1, 4, 1)))).toBeCloseTo(2, 12);
    expect(overlapArea(u, rect(-1, -1, 4, 1))).toBeCloseTo(2, 12);
  });

  it('agrees with overlapArea, and its vertices lie in both polygons', () => {
    fc.assert(
      fc.property(convexPolygon, convexPolygon, (a, b) => {
        const r = clipToConvex(a, b);
        expect(Math.abs(area(r) - overlapArea(a, b))).toBeLessThan(1e-9);
        for (const p of r) {
          expect(containsPoint(a, p) || onBoundary(p, a, 1e-9)).toBe(true);
          expect(containsPoint(b, p) || onBoundary(p, b, 1e-9)).toBe(true);
        }
      }),
    );
  });
});

describe('overlapArea on non-convex polygons', () => {
  /** Star-shaped polygons: random radii at sorted angles around a centre are always simple. */
  const star = fc
    .record({
      angles: fc.uniqueArray(fc.integer({ min: 0, max: 359 }), { minLength: 3, maxLength: 12 }),
      radii: fc.array(fc.double({ min: 0.3, max: 3, noNaN: true }), { minLength: 12, maxLength: 12 }),
      cx: fc.double({ min: -2, max: 2, noNaN: true }),
      cy: fc.double({ min: -2, max: 2, noNaN: true }),
    })
    .map(({ angles, radii, cx, cy }) =>
      [...angles]
        .sort((x, y) => x - y)
        .map((deg, i) => {
          const t = (deg * Math.PI) / 180;
          const r = radii[i] as number;
          return [cx + r * Math.cos(t), cy + r * Math.sin(t)] as Point;
        }),
    )
    .filter((p) => simplePolygonProblem(p) === null);

  it('matches a fine grid count within its resolution', () => {
    fc.assert(
      fc.property(star, star, (a, b) => {
        const h = 0.02;
        let inside = 0;
        for (let x = -5 + h / 2; x < 5; x += h) {
          for (let y = -5 + h / 2; y < 5; y += h)
            if (strictlyInside(a, [x, y]) && strictlyInside(b, [x, y])) inside++;
        }
        // The grid misses at most a band one cell wide along both boundaries.
        const band = h * (perimeter(a) + perimeter(b));
        expect(Math.abs(inside * h * h - overlapArea(a, b))).toBeLessThanOrEqual(band);
      }),
      { numRuns: 25 },
    );
  });

  it('is symmetric and never throws on near-degenerate slivers', () => {
    // Found by fast-check: polygon-clipping threw "Unable to complete output ring" here.
    const a: Polygon = [
      [2.9577628464927805, 0],
      [2.9573123648850137, 0.05162007934208861],
      [-0.7655253555689747, -2.8569795214656457],
    ];
    const b: Polygon = [
      [2.9358837837080096, 0.03487823687206265],
      [2.93519910762397, 0.04357787137382908],
      [1.9383197334481852, 0.03487823687206276],
    ];
    const ab = overlapArea(a, b);
    expect(Math.abs(ab - overlapArea(b, a))).toBeLessThan(1e-12);
    expect(ab).toBeLessThanOrEqual(Math.min(area(a), area(b)) + 1e-12);
  });
});

function perimeter(p: Polygon): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] as Point;
    const b = p[(i + 1) % p.length] as Point;
    s += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return s;
}
