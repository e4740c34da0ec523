import { orient, pointOnSegment, pointSegmentDistance, segmentHits, segmentsIntersect } from './segment.ts';
import { EPS, type Point, type Polygon } from './types.ts';

/** The edges of a polygon as [start, end] pairs, closing back to the first point. */
export function* edges(poly: Polygon): Generator<[Point, Point]> {
  for (let i = 0; i < poly.length; i++) yield [poly[i] as Point, poly[(i + 1) % poly.length] as Point];
}

/** Signed area (shoelace): positive when the ring runs counter-clockwise. */
export function signedArea(poly: Polygon): number {
  let s = 0;
  for (const [a, b] of edges(poly)) s += a[0] * b[1] - b[0] * a[1];
  return s / 2;
}

export function area(poly: Polygon): number {
  return Math.abs(signedArea(poly));
}

/** Area centroid; falls back to the vertex mean for a degenerate ring. */
export function centroid(poly: Polygon): Point {
  const a = signedArea(poly);
  if (Math.abs(a) < EPS) {
    const n = poly.length || 1;
    return [poly.reduce((s, p) => s + p[0], 0) / n, poly.reduce((s, p) => s + p[1], 0) / n];
  }
  let cx = 0;
  let cy = 0;
  for (const [p, q] of edges(poly)) {
    const f = p[0] * q[1] - q[0] * p[1];
    cx += (p[0] + q[0]) * f;
    cy += (p[1] + q[1]) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

export type Box = { minX: number; minY: number; maxX: number; maxY: number };

export function bbox(points: readonly Point[]): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [x, y] of points) {
    box.minX = Math.min(box.minX, x);
    box.minY = Math.min(box.minY, y);
    box.maxX = Math.max(box.maxX, x);
    box.maxY = Math.max(box.maxY, y);
  }
  return box;
}

/** True when p lies on the boundary of the polygon (within `tol` metres). */
export function onBoundary(p: Point, poly: Polygon, tol = 1e-6): boolean {
  for (const [a, b] of edges(poly)) if (pointOnSegment(p, a, b, tol)) return true;
  return false;
}

/** Even-odd point-in-polygon; points on the boundary count as inside. */
export function containsPoint(poly: Polygon, p: Point): boolean {
  if (onBoundary(p, poly)) return true;
  return strictlyInside(poly, p);
}

/** Even-odd point-in-polygon by ray casting; the boundary itself is unspecified. */
export function strictlyInside(poly: Polygon, p: Point): boolean {
  // Indexed reads, not destructuring: this is the validator's and the grid's hot loop.
  const x = p[0];
  const y = p[1];
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i] as Point;
    const b = poly[j] as Point;
    const yi = a[1];
    const yj = b[1];
    if (yi > y !== yj > y && x < ((b[0] - a[0]) * (y - yi)) / (yj - yi) + a[0]) inside = !inside;
  }
  return inside;
}

/**
 * Why a ring is not a simple polygon, or null when it is: at least three distinct vertices,
 * non-zero area, and no two non-adjacent edges that touch.
 */
export function simplePolygonProblem(poly: Polygon): string | null {
  if (poly.length < 3) return 'needs at least 3 points';
  for (const [a, b] of edges(poly)) if (a[0] === b[0] && a[1] === b[1]) return 'has a repeated point';
  const n = poly.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      const a = poly[i] as Point;
      const b = poly[(i + 1) % n] as Point;
      const c = poly[j] as Point;
      const d = poly[(j + 1) % n] as Point;
      if (adjacent) {
        // Adjacent edges share one vertex; they must not fold back onto each other.
        const shared = j === i + 1 ? b : a;
        const other1 = j === i + 1 ? a : b;
        const other2 = j === i + 1 ? d : c;
        const hits = segmentHits(shared, other1, shared, other2);
        // Collinear and overlapping beyond the shared vertex (a point within a straight edge is fine).
        const overlap = hits.length > 1 ? (hits[1] as number) - (hits[0] as number) : 0;
        if (Math.abs(orient(other1, shared, other2)) < EPS && overlap > EPS) {
          return `folds back on itself at point ${j === i + 1 ? i + 1 : 0}`;
        }
      } else if (segmentsIntersect(a, b, c, d)) {
        return `crosses itself (edges ${i} and ${j})`;
      }
    }
  }
  if (area(poly) < 1e-6) return 'has zero area';
  return null;
}

/**
 * True when the segment a→b passes through the open interior of the polygon
 * (running along its boundary or touching a vertex does not count).
 */
export function segmentEntersPolygon(a: Point, b: Point, poly: Polygon): boolean {
  const ts = [0, 1];
  for (const [c, d] of edges(poly)) ts.push(...segmentHits(a, b, c, d));
  ts.sort((x, y) => x - y);
  for (let i = 1; i < ts.length; i++) {
    const t0 = ts[i - 1] as number;
    const t1 = ts[i] as number;
    if (t1 - t0 < 1e-9) continue;
    const t = (t0 + t1) / 2;
    const m: Point = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    if (!onBoundary(m, poly, 1e-9) && strictlyInside(poly, m)) return true;
  }
  return false;
}

/** Shortest distance from p to the polygon's boundary. */
export function distanceToBoundary(p: Point, poly: Polygon): number {
  let best = Infinity;
  for (const [a, b] of edges(poly)) best = Math.min(best, pointSegmentDistance(p, a, b));
  return best;
}

/** Rotates a polygon by `degrees` counter-clockwise about `about`. */
export function rotatePolygon(poly: Polygon, degrees: number, about: Point): [number, number][] {
  const r = (degrees * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  return poly.map(([x, y]) => {
    const dx = x - about[0];
    const dy = y - about[1];
    return [about[0] + dx * c - dy * s, about[1] + dx * s + dy * c] as [number, number];
  });
}

export function translatePolygon(poly: Polygon, [dx, dy]: Point): [number, number][] {
  return poly.map(([x, y]) => [x + dx, y + dy] as [number, number]);
}

/** True when the whole segment a→b lies inside the polygon or on its boundary. */
export function segmentInsidePolygon(a: Point, b: Point, poly: Polygon): boolean {
  const ts = [0, 1];
  for (const [c, d] of edges(poly)) ts.push(...segmentHits(a, b, c, d));
  ts.sort((x, y) => x - y);
  for (let i = 0; i < ts.length; i++) {
    const t0 = ts[i] as number;
    const t1 = (ts[i + 1] ?? t0) as number;
    const t = (t0 + t1) / 2;
    if (!containsPoint(poly, [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t])) return false;
  }
  return true;
}

/**
 * A polygon prepared for many point tests (the simulator asks every agent every second): its
 * bounding box rejects most points at once, and the even-odd test runs over flat coordinates.
 * Points on the boundary are unspecified, as in `strictlyInside`.
 */
export class PreparedPolygon {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly box: Box;

  constructor(readonly polygon: Polygon) {
    this.xs = Float64Array.from(polygon, (p) => p[0]);
    this.ys = Float64Array.from(polygon, (p) => p[1]);
    this.box = bbox(polygon);
  }

  contains(x: number, y: number): boolean {
    const b = this.box;
    if (x < b.minX || x > b.maxX || y < b.minY || y > b.maxY) return false;
    const { xs, ys } = this;
    let inside = false;
    for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      const yi = ys[i] as number;
      const yj = ys[j] as number;
      if (yi > y !== yj > y) {
        const xi = xs[i] as number;
        if (x < ((xs[j] as number) - xi) * ((y - yi) / (yj - yi)) + xi) inside = !inside;
      }
    }
    return inside;
  }
}
