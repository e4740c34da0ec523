import { EPS, type Point } from './types.ts';

/** Twice the signed area of the triangle a-b-c: > 0 when c lies left of a→b. */
export function orient(a: Point, b: Point, c: Point): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Shortest distance from p to the segment a-b. */
export function pointSegmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** True when p lies on the segment a-b, within `tol` metres. */
export function pointOnSegment(p: Point, a: Point, b: Point, tol = 1e-6): boolean {
  return pointSegmentDistance(p, a, b) <= tol;
}

/** True when the closed segments a-b and c-d share at least one point. */
export function segmentsIntersect(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (
    ((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS)) &&
    ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS))
  ) {
    return true;
  }
  return (
    pointOnSegment(a, c, d, EPS) ||
    pointOnSegment(b, c, d, EPS) ||
    pointOnSegment(c, a, b, EPS) ||
    pointOnSegment(d, a, b, EPS)
  );
}

/**
 * Parameters t ∈ [0, 1] along a→b where it meets the segment c-d (one value for a crossing,
 * the two ends of the shared stretch when collinear, none when apart).
 */
export function segmentHits(a: Point, b: Point, c: Point, d: Point): number[] {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const denom = rx * sy - ry * sx;
  const qpx = c[0] - a[0];
  const qpy = c[1] - a[1];
  const len2 = rx * rx + ry * ry;
  if (Math.abs(denom) <= EPS * Math.max(1, len2)) {
    // Parallel: only collinear overlap counts.
    if (Math.abs(qpx * ry - qpy * rx) > EPS * Math.max(1, len2) || len2 === 0) return [];
    const t0 = (qpx * rx + qpy * ry) / len2;
    const t1 = ((d[0] - a[0]) * rx + (d[1] - a[1]) * ry) / len2;
    const lo = Math.max(0, Math.min(t0, t1));
    const hi = Math.min(1, Math.max(t0, t1));
    return lo <= hi ? [lo, hi] : [];
  }
  const t = (qpx * sy - qpy * sx) / denom;
  const u = (qpx * ry - qpy * rx) / denom;
  return t >= -EPS && t <= 1 + EPS && u >= -EPS && u <= 1 + EPS ? [Math.max(0, Math.min(1, t))] : [];
}

/** Length of an open polyline. */
export function polylineLength(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += distance(points[i - 1] as Point, points[i] as Point);
  return total;
}
