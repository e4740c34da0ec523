import { area, edges, onBoundary, signedArea, strictlyInside } from './polygon.ts';
import { pointOnSegment, segmentHits } from './segment.ts';
import type { Point, Polygon } from './types.ts';

// Areas of overlap by Green's theorem: the boundary of A ∩ B is made of the parts of A's edges
// inside B and the parts of B's edges inside A, so ∮ x dy over those parts is the overlap's
// area. Unlike a general sweep-line clipper (polygon-clipping fails on near-degenerate slivers
// with "Unable to complete output ring", an open bug since 2019), this only ever splits edges
// and classifies pieces, so it cannot fail on valid simple polygons.

/**
 * How far (m) a point may be from an edge and still count as on it when classifying pieces:
 * far above the rounding of coordinates up to a kilometre (~1e-13 m), far below anything real.
 */
const ON_EDGE_M = 1e-11;

/** A half-plane a·x + b·y ≥ c. */
export type HalfPlane = { a: number; b: number; c: number };

function counterClockwise(p: Polygon): Polygon {
  return signedArea(p) < 0 ? [...p].reverse() : p;
}

/** True when `m` lies on an edge of q that runs the same way as the direction (dx, dy). */
function onEdgeSameWay(m: Point, q: Polygon, dx: number, dy: number): boolean {
  for (const [c, d] of edges(q)) {
    if (pointOnSegment(m, c, d, ON_EDGE_M) && (d[0] - c[0]) * dx + (d[1] - c[1]) * dy > 0) return true;
  }
  return false;
}

/** ∮ x dy over the pieces of p's edges inside q (and, if `shared`, on q's edges running the same way). */
function boundaryIntegral(p: Polygon, q: Polygon, shared: boolean): number {
  let sum = 0;
  for (const [a, b] of edges(p)) {
    const ts = [0, 1];
    for (const [c, d] of edges(q)) ts.push(...segmentHits(a, b, c, d));
    ts.sort((x, y) => x - y);
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    for (let i = 1; i < ts.length; i++) {
      const t0 = ts[i - 1] as number;
      const t1 = ts[i] as number;
      if (t1 - t0 < 1e-12) continue;
      const tm = (t0 + t1) / 2;
      const m: Point = [a[0] + dx * tm, a[1] + dy * tm];
      const counts = onBoundary(m, q, ON_EDGE_M)
        ? shared && onEdgeSameWay(m, q, dx, dy)
        : strictlyInside(q, m);
      if (counts) sum += (a[0] + dx * (t0 + t1) * 0.5) * dy * (t1 - t0);
    }
  }
  return sum;
}

/** Area (m²) where two simple polygons overlap; touching edges give 0. */
export function overlapArea(a: Polygon, b: Polygon): number {
  const p = counterClockwise(a);
  const q = counterClockwise(b);
  // A shared stretch of boundary is counted once, from p's side.
  return Math.max(0, boundaryIntegral(p, q, true) + boundaryIntegral(q, p, false));
}

/** Area (m²) of `inner` that lies outside `outer`. */
export function areaOutside(inner: Polygon, outer: Polygon): number {
  return Math.max(0, area(inner) - overlapArea(inner, outer));
}

/** Sutherland–Hodgman against one half-plane. */
export function clipHalfPlane(poly: readonly Point[], { a, b, c }: HalfPlane): Point[] {
  if (Math.abs(a) < 1e-12 && Math.abs(b) < 1e-12) return c <= 0 ? [...poly] : [];
  const out: Point[] = [];
  const side = (p: Point) => a * p[0] + b * p[1] - c;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i] as Point;
    const q = poly[(i + 1) % poly.length] as Point;
    const sp = side(p);
    const sq = side(q);
    if (sp >= 0) out.push(p);
    if (sp >= 0 !== sq >= 0) {
      const t = sp / (sp - sq);
      out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
    }
  }
  return out;
}

/**
 * The part of `subject` inside the convex polygon `convex`, as one ring. When the subject is not
 * convex the ring may run along the clip boundary twice (zero-width bridges); its area is exact.
 */
export function clipToConvex(subject: Polygon, convex: Polygon): Point[] {
  let out: Point[] = [...subject];
  for (const [p, q] of edges(counterClockwise(convex))) {
    // Inside a counter-clockwise ring is to the left of each edge p→q.
    const a = -(q[1] - p[1]);
    const b = q[0] - p[0];
    out = clipHalfPlane(out, { a, b, c: a * p[0] + b * p[1] });
    if (out.length === 0) break;
  }
  return out.length >= 3 ? out : [];
}
