import type { Point, StoreLayout } from '../../engine/layout/index.ts';
import { pointSegmentDistance, segmentsIntersect } from '../../engine/layout/index.ts';

type Seg = readonly [number, number, number, number]; // x1, y1, x2, y2

/**
 * The exact walls of a store for collision checks: every obstacle edge, and the outline's edges
 * with the doors cut out. Bucketed on a coarse grid so a query looks at a handful of segments.
 */
export class WallIndex {
  readonly segments: Seg[];
  private readonly buckets: Int32Array[];
  private readonly x0: number;
  private readonly y0: number;
  private readonly cols: number;
  private readonly rows: number;

  constructor(
    store: Pick<StoreLayout, 'outline' | 'obstacles' | 'entrances'>,
    readonly bucket = 1,
    readonly reach = 1,
  ) {
    this.segments = wallSegments(store);
    const xs = store.outline.map((p) => p[0]);
    const ys = store.outline.map((p) => p[1]);
    this.x0 = Math.min(...xs) - reach;
    this.y0 = Math.min(...ys) - reach;
    this.cols = Math.ceil((Math.max(...xs) + reach - this.x0) / bucket) + 1;
    this.rows = Math.ceil((Math.max(...ys) + reach - this.y0) / bucket) + 1;
    const lists: number[][] = Array.from({ length: this.cols * this.rows }, () => []);
    this.segments.forEach(([ax, ay, bx, by], i) => {
      const c0 = this.col(Math.min(ax, bx) - reach);
      const c1 = this.col(Math.max(ax, bx) + reach);
      const r0 = this.row(Math.min(ay, by) - reach);
      const r1 = this.row(Math.max(ay, by) + reach);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) lists[r * this.cols + c]?.push(i);
    });
    this.buckets = lists.map((l) => Int32Array.from(l));
  }

  private col(x: number): number {
    return Math.max(0, Math.min(this.cols - 1, Math.floor((x - this.x0) / this.bucket)));
  }
  private row(y: number): number {
    return Math.max(0, Math.min(this.rows - 1, Math.floor((y - this.y0) / this.bucket)));
  }

  /**
   * Distance from (x, y) to the nearest wall within `reach` (Infinity if none), with the unit
   * normal pointing from the wall to the point written to out[0], out[1].
   */
  nearest(x: number, y: number, out: Float64Array): number {
    const list = this.buckets[this.row(y) * this.cols + this.col(x)] as Int32Array;
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < list.length; k++) {
      const seg = this.segments[list[k] as number] as Seg;
      const ax = seg[0];
      const ay = seg[1];
      const dx = seg[2] - ax;
      const dy = seg[3] - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
      const px = x - (ax + t * dx);
      const py = y - (ay + t * dy);
      const d = Math.sqrt(px * px + py * py);
      if (d < best) {
        best = d;
        out[0] = d > 0 ? px / d : 0;
        out[1] = d > 0 ? py / d : 0;
      }
    }
    return best;
  }

  /** True when the move from (x1, y1) to (x2, y2) crosses or touches a wall. */
  crosses(x1: number, y1: number, x2: number, y2: number): boolean {
    const list = this.buckets[this.row(y2) * this.cols + this.col(x2)] as Int32Array;
    for (let k = 0; k < list.length; k++) {
      const seg = this.segments[list[k] as number] as Seg;
      if (segmentsMeet(x1, y1, x2, y2, seg[0], seg[1], seg[2], seg[3])) return true;
    }
    return false;
  }

  /** Exact distance from a point to the nearest wall anywhere (no bucketing): for tests. */
  distanceExact(x: number, y: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (const [ax, ay, bx, by] of this.segments)
      best = Math.min(best, pointSegmentDistance([x, y], [ax, ay], [bx, by]));
    return best;
  }
}

/** Obstacle edges, and outline edges minus the stretches where doors are. */
export function wallSegments(store: Pick<StoreLayout, 'outline' | 'obstacles' | 'entrances'>): Seg[] {
  const out: Seg[] = [];
  const ring = (poly: readonly Point[], cutDoors: boolean) => {
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i] as Point;
      const b = poly[(i + 1) % poly.length] as Point;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) continue;
      // Parameter intervals along a→b covered by doors.
      const gaps: [number, number][] = [];
      if (cutDoors) {
        for (const e of store.entrances) {
          const [p, q] = e.segment;
          if (pointSegmentDistance(p, a, b) > 0.02 || pointSegmentDistance(q, a, b) > 0.02) continue;
          const tp = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
          const tq = ((q[0] - a[0]) * dx + (q[1] - a[1]) * dy) / len2;
          gaps.push([Math.max(0, Math.min(tp, tq)), Math.min(1, Math.max(tp, tq))]);
        }
      }
      gaps.sort((u, v) => u[0] - v[0]);
      let t = 0;
      for (const [g0, g1] of [...gaps, [1, 1] as [number, number]]) {
        if (g0 > t + 1e-9) out.push([a[0] + dx * t, a[1] + dy * t, a[0] + dx * g0, a[1] + dy * g0]);
        t = Math.max(t, g1);
      }
    }
  };
  ring(store.outline, true);
  for (const o of store.obstacles) ring(o.polygon, false);
  return out;
}

/**
 * Whether segments (x1,y1)–(x2,y2) and (x3,y3)–(x4,y4) share a point: the hot path of the wall
 * check, on plain numbers; anything short of a clean crossing goes to segmentsIntersect.
 */
function segmentsMeet(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
  x4: number,
  y4: number,
): boolean {
  // Bounding boxes apart: no contact (the common case).
  if (Math.max(x1, x2) < Math.min(x3, x4) || Math.max(x3, x4) < Math.min(x1, x2)) return false;
  if (Math.max(y1, y2) < Math.min(y3, y4) || Math.max(y3, y4) < Math.min(y1, y2)) return false;
  const d1 = (x4 - x3) * (y1 - y3) - (y4 - y3) * (x1 - x3);
  const d2 = (x4 - x3) * (y2 - y3) - (y4 - y3) * (x2 - x3);
  const d3 = (x2 - x1) * (y3 - y1) - (y2 - y1) * (x3 - x1);
  const d4 = (x2 - x1) * (y4 - y1) - (y2 - y1) * (x4 - x1);
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  if (d1 * d2 > 0 || d3 * d4 > 0) return false;
  return segmentsIntersect([x1, y1], [x2, y2], [x3, y3], [x4, y4]);
}
