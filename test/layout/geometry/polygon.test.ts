import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  area,
  bbox,
  centroid,
  containsPoint,
  distanceToBoundary,
  edges,
  onBoundary,
  rotatePolygon,
  segmentEntersPolygon,
  segmentInsidePolygon,
  signedArea,
  simplePolygonProblem,
  strictlyInside,
  translatePolygon,
} from '../../../engine/layout/geometry/polygon.ts';
import { distance } from '../../../engine/layout/geometry/segment.ts';
import type { Point, Polygon } from '../../../engine/layout/geometry/types.ts';

const coord = fc.double({ min: -100, max: 100, noNaN: true });
const point = fc.tuple(coord, coord);
const ring = fc.array(point, { minLength: 3, maxLength: 12 });
const angle = fc.double({ min: -720, max: 720, noNaN: true });

/** A convex polygon, counter-clockwise: points on a circle at distinct, sorted whole-degree angles. */
const convexPolygon = fc
  .record({
    degrees: fc.uniqueArray(fc.integer({ min: 0, max: 359 }), { minLength: 3, maxLength: 24 }),
    radius: fc.double({ min: 0.5, max: 50, noNaN: true }),
    center: point,
  })
  .map(({ degrees, radius, center }) =>
    [...degrees]
      .sort((a, b) => a - b)
      .map((d): Point => {
        const t = (d * Math.PI) / 180;
        return [center[0] + radius * Math.cos(t), center[1] + radius * Math.sin(t)];
      }),
  );

const square4: Polygon = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
];

/** An L: the square [0,4]² without its upper-right quarter [2,4]²; (2,2) is the reflex corner. */
const ell: Polygon = [
  [0, 0],
  [4, 0],
  [4, 2],
  [2, 2],
  [2, 4],
  [0, 4],
];

const reversed = (poly: Polygon): Point[] => [...poly].reverse();

describe('edges', () => {
  it('walks the ring and closes back to the first point', () => {
    expect([
      ...edges([
        [0, 0],
        [1, 0],
        [0, 1],
      ]),
    ]).toEqual([
      [
        [0, 0],
        [1, 0],
      ],
      [
        [1, 0],
        [0, 1],
      ],
      [
        [0, 1],
        [0, 0],
      ],
    ]);
  });
});

describe('area and signedArea', () => {
  it('gives width × height for a rectangle', () => {
    expect(
      area([
        [1, 2],
        [6, 2],
        [6, 5],
        [1, 5],
      ]),
    ).toBe(15);
  });

  it('gives half base × height for a triangle', () => {
    expect(
      area([
        [0, 0],
        [4, 0],
        [1, 3],
      ]),
    ).toBe(6);
  });

  it('is positive for a counter-clockwise ring and negative for a clockwise one', () => {
    expect(signedArea(square4)).toBe(16);
    expect(signedArea(reversed(square4))).toBe(-16);
    expect(area(reversed(square4))).toBe(16);
  });

  it('counts the L-shape without its missing quarter', () => {
    expect(area(ell)).toBe(12);
  });

  it('flips the sign of signedArea when the ring is reversed, leaving area unchanged', () => {
    fc.assert(
      fc.property(ring, (poly) => {
        const back = reversed(poly);
        expect(Math.abs(signedArea(back) + signedArea(poly))).toBeLessThan(1e-6);
        expect(Math.abs(area(back) - area(poly))).toBeLessThan(1e-6);
      }),
    );
  });

  it('is unchanged by translation and rotation', () => {
    fc.assert(
      fc.property(ring, point, angle, point, (poly, shift, degrees, about) => {
        const a = area(poly);
        expect(Math.abs(area(translatePolygon(poly, shift)) - a)).toBeLessThan(1e-6);
        expect(Math.abs(area(rotatePolygon(poly, degrees, about)) - a)).toBeLessThan(1e-6);
        // rotation keeps orientation too
        expect(Math.abs(signedArea(rotatePolygon(poly, degrees, about)) - signedArea(poly))).toBeLessThan(
          1e-6,
        );
      }),
    );
  });

  it('is positive for the counter-clockwise convex polygons the generator makes', () => {
    fc.assert(
      fc.property(convexPolygon, (poly) => {
        expect(signedArea(poly)).toBeGreaterThan(0);
      }),
    );
  });
});

describe('centroid', () => {
  it('is the centre of a rectangle, whichever way the ring runs', () => {
    const rect: Polygon = [
      [1, 2],
      [7, 2],
      [7, 4],
      [1, 4],
    ];
    expect(centroid(rect)).toEqual([4, 3]);
    expect(centroid(reversed(rect))).toEqual([4, 3]);
  });

  it('is the vertex mean of a triangle', () => {
    const [x, y] = centroid([
      [0, 0],
      [6, 0],
      [0, 3],
    ]);
    expect(x).toBeCloseTo(2, 12);
    expect(y).toBeCloseTo(1, 12);
  });

  it('weights by area, not by vertices: the L-shape centroid', () => {
    // two 4×2 / 2×2 pieces: [0,4]×[0,2] (area 8, centre (2,1)) and [0,2]×[2,4] (area 4, centre (1,3))
    const [x, y] = centroid(ell);
    expect(x).toBeCloseTo((8 * 2 + 4 * 1) / 12, 12);
    expect(y).toBeCloseTo((8 * 1 + 4 * 3) / 12, 12);
  });

  it('falls back to the vertex mean for a ring with no area', () => {
    expect(
      centroid([
        [0, 0],
        [2, 0],
        [4, 0],
      ]),
    ).toEqual([2, 0]);
  });

  it('moves with the polygon when it is translated', () => {
    fc.assert(
      fc.property(convexPolygon, point, (poly, shift) => {
        const [x, y] = centroid(poly);
        const [tx, ty] = centroid(translatePolygon(poly, shift));
        expect(Math.abs(tx - (x + shift[0]))).toBeLessThan(1e-6);
        expect(Math.abs(ty - (y + shift[1]))).toBeLessThan(1e-6);
      }),
    );
  });

  it('lies inside a convex polygon', () => {
    fc.assert(
      fc.property(convexPolygon, (poly) => {
        expect(containsPoint(poly, centroid(poly))).toBe(true);
      }),
    );
  });
});

describe('bbox', () => {
  it('spans the extreme coordinates', () => {
    expect(bbox(ell)).toEqual({ minX: 0, minY: 0, maxX: 4, maxY: 4 });
    expect(
      bbox([
        [-1, 5],
        [3, -2],
      ]),
    ).toEqual({ minX: -1, minY: -2, maxX: 3, maxY: 5 });
  });
});

describe('containsPoint', () => {
  it('counts every vertex and every point on an edge as inside', () => {
    for (const v of ell) expect(containsPoint(ell, v)).toBe(true);
    expect(containsPoint(ell, [3, 2])).toBe(true);
    expect(containsPoint(ell, [2, 3])).toBe(true);
    expect(containsPoint(ell, [0, 1.5])).toBe(true);
    expect(containsPoint(square4, [4, 2.5])).toBe(true);
  });

  it('is true in the interior and false outside, including the notch of a non-convex polygon', () => {
    expect(containsPoint(ell, [1, 1])).toBe(true);
    expect(containsPoint(ell, [3, 1])).toBe(true);
    expect(containsPoint(ell, [3, 3])).toBe(false);
    expect(containsPoint(ell, [100, 100])).toBe(false);
    expect(containsPoint(ell, [-0.001, 1])).toBe(false);
  });

  it('matches the box test for grid points around a square, boundary included', () => {
    const g = fc.integer({ min: -2, max: 6 });
    fc.assert(
      fc.property(g, g, (x, y) => {
        const inBox = x >= 0 && x <= 4 && y >= 0 && y <= 4;
        expect(containsPoint(square4, [x, y])).toBe(inBox);
        expect(containsPoint(reversed(square4), [x, y])).toBe(inBox);
      }),
    );
  });

  it('contains every vertex, every edge midpoint and the centroid of a convex polygon, and nothing far away', () => {
    fc.assert(
      fc.property(convexPolygon, (poly) => {
        for (const [a, b] of edges(poly)) {
          expect(containsPoint(poly, a)).toBe(true);
          expect(containsPoint(poly, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2])).toBe(true);
        }
        const { maxX, maxY } = bbox(poly);
        expect(containsPoint(poly, [maxX + 1, maxY + 1])).toBe(false);
        expect(containsPoint(poly, [maxX + 1000, 0])).toBe(false);
      }),
    );
  });
});

describe('onBoundary and strictlyInside', () => {
  it('onBoundary finds points on edges within the tolerance only', () => {
    expect(onBoundary([2, 0], square4)).toBe(true);
    expect(onBoundary([2, 1e-7], square4)).toBe(true);
    expect(onBoundary([2, 1e-3], square4)).toBe(false);
    expect(onBoundary([2, 1e-3], square4, 1e-2)).toBe(true);
    expect(onBoundary([2, 2], square4)).toBe(false);
  });

  it('strictlyInside is true in the interior and false outside', () => {
    expect(strictlyInside(square4, [2, 2])).toBe(true);
    expect(strictlyInside(ell, [3, 3])).toBe(false);
    expect(strictlyInside(square4, [5, 2])).toBe(false);
  });
});

describe('simplePolygonProblem', () => {
  it('accepts a square, a triangle and the L-shape', () => {
    expect(simplePolygonProblem(square4)).toBeNull();
    expect(
      simplePolygonProblem([
        [0, 0],
        [1, 0],
        [0, 1],
      ]),
    ).toBeNull();
    expect(simplePolygonProblem(ell)).toBeNull();
    expect(simplePolygonProblem(reversed(ell))).toBeNull();
  });

  it('accepts every convex polygon', () => {
    fc.assert(
      fc.property(convexPolygon, (poly) => {
        expect(simplePolygonProblem(poly)).toBeNull();
        expect(simplePolygonProblem(reversed(poly))).toBeNull();
      }),
    );
  });

  it('accepts a vertex in the middle of a straight edge (adjacent edges continuing in line do not fold back)', () => {
    // (2,0) splits the bottom edge; no two non-adjacent edges touch and the area is 8.
    expect(
      simplePolygonProblem([
        [0, 0],
        [2, 0],
        [4, 0],
        [4, 2],
        [0, 2],
      ]),
    ).toBeNull();
  });

  it('rejects fewer than three points', () => {
    expect(simplePolygonProblem([])).toMatch(/at least 3 points/);
    expect(
      simplePolygonProblem([
        [0, 0],
        [1, 1],
      ]),
    ).toMatch(/at least 3 points/);
  });

  it('rejects a repeated point, including a ring that repeats its first point at the end', () => {
    expect(
      simplePolygonProblem([
        [0, 0],
        [1, 0],
        [1, 0],
        [0, 1],
      ]),
    ).toMatch(/repeated point/);
    expect(
      simplePolygonProblem([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ]),
    ).toMatch(/repeated point/);
  });

  it('rejects a ring whose area is (next to) zero', () => {
    // a proper triangle, but far too small to be a real floor area
    expect(
      simplePolygonProblem([
        [0, 0],
        [1e-4, 0],
        [0, 1e-4],
      ]),
    ).toMatch(/zero area/);
    // all points on one line: rejected, whichever reason is found first
    expect(
      simplePolygonProblem([
        [0, 0],
        [1, 0],
        [2, 0],
      ]),
    ).not.toBeNull();
  });

  it('rejects a bow-tie', () => {
    expect(
      simplePolygonProblem([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 1],
      ]),
    ).toMatch(/crosses itself/);
    // the symmetric bow-tie also has zero signed area; any reason will do
    expect(
      simplePolygonProblem([
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
      ]),
    ).not.toBeNull();
  });

  it('rejects a ring whose non-adjacent edges touch at a point', () => {
    // a figure eight pinched at (1,1)
    expect(
      simplePolygonProblem([
        [0, 0],
        [2, 0],
        [1, 1],
        [2, 2],
        [0, 2],
        [1, 1],
      ]),
    ).toMatch(/crosses itself/);
  });

  it('rejects a ring that folds back along itself', () => {
    expect(
      simplePolygonProblem([
        [0, 0],
        [2, 0],
        [1, 0],
        [1, 1],
      ]),
    ).toMatch(/folds back/);
  });
});

describe('segmentEntersPolygon', () => {
  it('is true for a segment through the middle, one ending inside, and one wholly inside', () => {
    expect(segmentEntersPolygon([-1, 2], [5, 2], square4)).toBe(true);
    expect(segmentEntersPolygon([2, 2], [6, 2], square4)).toBe(true);
    expect(segmentEntersPolygon([1, 1], [3, 3], square4)).toBe(true);
    expect(segmentEntersPolygon([0, 0], [4, 4], square4)).toBe(true);
  });

  it('is false for a segment along an edge, or along and beyond it', () => {
    expect(segmentEntersPolygon([0, 0], [4, 0], square4)).toBe(false);
    expect(segmentEntersPolygon([-1, 0], [5, 0], square4)).toBe(false);
    expect(segmentEntersPolygon([1, 4], [3, 4], square4)).toBe(false);
  });

  it('is false for a segment that only touches a vertex', () => {
    expect(segmentEntersPolygon([-1, 1], [1, -1], square4)).toBe(false);
    expect(segmentEntersPolygon([-1, -1], [0, 0], square4)).toBe(false);
  });

  it('is false for a segment fully outside', () => {
    expect(segmentEntersPolygon([5, 5], [8, 1], square4)).toBe(false);
    expect(segmentEntersPolygon([3, 3], [3.5, 3.5], ell)).toBe(false);
  });

  it('is true for a chord of the L that crosses the notch, and false for one lying in the notch', () => {
    expect(segmentEntersPolygon([3.5, 1], [1, 3.5], ell)).toBe(true);
    expect(segmentEntersPolygon([4, 3], [3, 4], ell)).toBe(false);
    expect(segmentEntersPolygon([2, 4], [4, 2], ell)).toBe(false);
  });

  it('is true for any segment through an interior point of a convex polygon', () => {
    fc.assert(
      fc.property(convexPolygon, point, (poly, far) => {
        const c = centroid(poly);
        fc.pre(distance(c, far) > 1e-3);
        expect(segmentEntersPolygon(c, far, poly)).toBe(true);
        expect(segmentEntersPolygon(far, c, poly)).toBe(true);
      }),
    );
  });

  it('is false for every edge of a convex polygon', () => {
    fc.assert(
      fc.property(convexPolygon, (poly) => {
        for (const [a, b] of edges(poly)) expect(segmentEntersPolygon(a, b, poly)).toBe(false);
      }),
    );
  });
});

describe('segmentInsidePolygon', () => {
  it('is true for segments inside, along the boundary, or grazing the reflex corner of the L', () => {
    expect(segmentInsidePolygon([1, 1], [1, 3.5], ell)).toBe(true);
    expect(segmentInsidePolygon([0, 0], [4, 0], ell)).toBe(true);
    expect(segmentInsidePolygon([2, 2], [2, 4], ell)).toBe(true);
    expect(segmentInsidePolygon([3, 1], [1, 3], ell)).toBe(true);
  });

  it('is false for a chord between two inside points that leaves the L through its notch', () => {
    expect(containsPoint(ell, [3.5, 1])).toBe(true);
    expect(containsPoint(ell, [1, 3.5])).toBe(true);
    expect(segmentInsidePolygon([3.5, 1], [1, 3.5], ell)).toBe(false);
  });

  it('is false for a segment with an end outside', () => {
    expect(segmentInsidePolygon([1, 1], [5, 1], ell)).toBe(false);
    expect(segmentInsidePolygon([3, 3], [3.5, 3.5], ell)).toBe(false);
  });

  it('is true between any two points of a convex polygon', () => {
    fc.assert(
      fc.property(
        convexPolygon,
        fc.nat(),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (poly, i, j, s) => {
          const a = poly[i % poly.length] as Point;
          const b = poly[j % poly.length] as Point;
          const c = centroid(poly);
          // a vertex, and a point between the centroid and another vertex
          const q: Point = [c[0] + (b[0] - c[0]) * s, c[1] + (b[1] - c[1]) * s];
          expect(segmentInsidePolygon(a, q, poly)).toBe(true);
        },
      ),
    );
  });
});

describe('distanceToBoundary', () => {
  it('is the distance to the nearest edge, from inside and from outside', () => {
    expect(distanceToBoundary([2, 2], square4)).toBe(2);
    expect(distanceToBoundary([1, 3], square4)).toBe(1);
    expect(distanceToBoundary([6, 2], square4)).toBe(2);
    expect(distanceToBoundary([7, 8], square4)).toBe(5);
    expect(distanceToBoundary([3, 3], ell)).toBe(1);
  });

  it('is zero on the boundary', () => {
    for (const v of ell) expect(distanceToBoundary(v, ell)).toBe(0);
    expect(distanceToBoundary([4, 1], ell)).toBe(0);
  });

  it('is the smallest distance to a side for a point inside a rectangle', () => {
    const w = 7;
    const h = 3;
    const rect: Polygon = [
      [0, 0],
      [w, 0],
      [w, h],
      [0, h],
    ];
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: w, noNaN: true }),
        fc.double({ min: 0, max: h, noNaN: true }),
        (x, y) => {
          expect(distanceToBoundary([x, y], rect)).toBeCloseTo(Math.min(x, w - x, y, h - y), 12);
        },
      ),
    );
  });
});

describe('rotatePolygon and translatePolygon', () => {
  it('rotate counter-clockwise about the given point', () => {
    const [p] = rotatePolygon([[2, 1]], 90, [1, 1]);
    expect(p?.[0]).toBeCloseTo(1, 12);
    expect(p?.[1]).toBeCloseTo(2, 12);
  });

  it('translate by the given offset', () => {
    expect(translatePolygon(square4, [1, -2])).toEqual([
      [1, -2],
      [5, -2],
      [5, 2],
      [1, 2],
    ]);
  });

  it('rotation keeps every distance to the centre of rotation, and a full turn is the identity', () => {
    fc.assert(
      fc.property(ring, angle, point, (poly, degrees, about) => {
        const turned = rotatePolygon(poly, degrees, about);
        const full = rotatePolygon(poly, 360, about);
        poly.forEach((p, i) => {
          expect(Math.abs(distance(turned[i] as Point, about) - distance(p, about))).toBeLessThan(1e-9);
          expect(distance(full[i] as Point, p)).toBeLessThan(1e-9);
        });
      }),
    );
  });

  it('translation there and back is the identity', () => {
    fc.assert(
      fc.property(ring, point, (poly, [dx, dy]) => {
        const back = translatePolygon(translatePolygon(poly, [dx, dy]), [-dx, -dy]);
        poly.forEach((p, i) => {
          expect(distance(back[i] as Point, p)).toBeLessThan(1e-9);
        });
      }),
    );
  });
});
