import { VarvError } from '../../engine/errors.ts';
import {
  buildFloorGrid,
  cellsNear,
  distanceField,
  type FloorGrid,
  flood,
  type Point,
  type StoreLayout,
  someCellNear,
} from '../../engine/layout/index.ts';

/** A target's distance field: walking distance (m) to it from every free cell of the nav grid. */
export type NavField = { grid: FloorGrid; T: Float32Array };

/**
 * Routes on the floor plan, shared per target: one fast-marching distance field per target,
 * computed on first use and kept (Float32, a nav grid of `cell` metres: the grocery's 0.2 m grid
 * is 30,000 cells, 120 kB a field, so a few hundred targets fit easily).
 */
export class Navigation {
  readonly grid: FloorGrid;
  private readonly fields = new Map<string, NavField>();

  constructor(
    store: Pick<StoreLayout, 'outline' | 'obstacles'>,
    /** Clearance (m) that routes keep from walls: the body radius plus a margin. */
    readonly clearance = 0.25,
    readonly cell = 0.2,
  ) {
    this.grid = buildFloorGrid(store, { radius: clearance, cell });
  }

  /** The field towards a segment (a door, a queue end) or a point, cached under `key`. */
  toward(key: string, a: Point, b: Point = a, within = 0.5): NavField {
    let f = this.fields.get(key);
    if (!f) {
      const targets: number[] = [];
      someCellNear(this.grid, a, b, within, (c) => {
        if (this.grid.free[c]) targets.push(c);
        return false;
      });
      if (targets.length === 0)
        throw new VarvError('E_NAV', `target "${key}" has no walkable floor within ${within} m`);
      f = { grid: this.grid, T: distanceField(this.grid, targets) };
      this.fields.set(key, f);
    }
    return f;
  }

  /** True when a body can stand at (x, y): its nav cell is free floor (and reached from `from`, if set). */
  walkable(x: number, y: number): boolean {
    const g = this.grid;
    const c = Math.floor((x - g.x0) / g.cell);
    const r = Math.floor((y - g.y0) / g.cell);
    if (c < 0 || r < 0 || c >= g.cols || r >= g.rows) return false;
    const i = r * g.cols + c;
    return g.free[i] === 1 && (this.reached === null || this.reached[i] === 1);
  }

  private reached: Uint8Array | null = null;

  /**
   * Limits `walkable` to the floor reachable from these segments (the doors one comes in by), so
   * that a pocket walled in by shelves never becomes a target.
   */
  reachableFrom(segments: readonly (readonly [Point, Point])[], within = 0.5): void {
    this.reached = flood(
      this.grid,
      segments.flatMap(([a, b]) => cellsNear(this.grid, a, b, within)),
    );
  }

  /** The walking distance (m) from (x, y) along a field (Infinity when unreachable or off the floor). */
  distance(f: NavField, x: number, y: number): number {
    const g = f.grid;
    const c = Math.floor((x - g.x0) / g.cell);
    const r = Math.floor((y - g.y0) / g.cell);
    if (c < 0 || r < 0 || c >= g.cols || r >= g.rows) return Number.POSITIVE_INFINITY;
    return f.T[r * g.cols + c] as number;
  }

  get size(): number {
    return this.fields.size;
  }
}

/**
 * Distance left (m) at (x, y), and the unit direction of steepest descent written to out[0..1]
 * (zero when no free cell is near). Bilinear over the four surrounding cell centres; a blocked
 * or unreachable corner counts as a little farther than the farthest finite one, so the direction
 * also leads away from walls.
 */
export function descend(f: NavField, x: number, y: number, out: Float64Array): number {
  const g = f.grid;
  const fx = (x - g.x0) / g.cell - 0.5;
  const fy = (y - g.y0) / g.cell - 0.5;
  const c0 = Math.max(0, Math.min(g.cols - 2, Math.floor(fx)));
  const r0 = Math.max(0, Math.min(g.rows - 2, Math.floor(fy)));
  const tx = Math.max(0, Math.min(1, fx - c0));
  const ty = Math.max(0, Math.min(1, fy - r0));
  const i00 = r0 * g.cols + c0;
  let v00 = f.T[i00] as number;
  let v10 = f.T[i00 + 1] as number;
  let v01 = f.T[i00 + g.cols] as number;
  let v11 = f.T[i00 + g.cols + 1] as number;
  let hi = Number.NEGATIVE_INFINITY;
  if (v00 < Number.POSITIVE_INFINITY && v00 > hi) hi = v00;
  if (v10 < Number.POSITIVE_INFINITY && v10 > hi) hi = v10;
  if (v01 < Number.POSITIVE_INFINITY && v01 > hi) hi = v01;
  if (v11 < Number.POSITIVE_INFINITY && v11 > hi) hi = v11;
  if (!Number.isFinite(hi)) {
    out[0] = 0;
    out[1] = 0;
    return Number.POSITIVE_INFINITY;
  }
  const pad = hi + g.cell;
  if (!Number.isFinite(v00)) v00 = pad;
  if (!Number.isFinite(v10)) v10 = pad;
  if (!Number.isFinite(v01)) v01 = pad;
  if (!Number.isFinite(v11)) v11 = pad;
  const gx = ((v10 - v00) * (1 - ty) + (v11 - v01) * ty) / g.cell;
  const gy = ((v01 - v00) * (1 - tx) + (v11 - v10) * tx) / g.cell;
  const n = Math.hypot(gx, gy);
  out[0] = n > 0 ? -gx / n : 0;
  out[1] = n > 0 ? -gy / n : 0;
  return v00 * (1 - tx) * (1 - ty) + v10 * tx * (1 - ty) + v01 * (1 - tx) * ty + v11 * tx * ty;
}
