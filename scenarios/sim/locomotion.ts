import type { Crowd } from './crowd.ts';
import { descend } from './navigation.ts';
import type { WallIndex } from './wallIndex.ts';

/**
 * The collision-free speed model (Tordeux, Chraibi & Seyfried 2016), as JuPedSim implements it:
 * each agent heads along the descent of its goal's distance field, turned away from close
 * neighbours and walls, at speed min(v0, max(0, (s − ℓ)/T)) where s is the gap to the nearest
 * agent ahead and ℓ the sum of radii. First order: no inertia, no overlap when dt ≤ T.
 */
export type SpeedModel = {
  /** Time gap T (s). */
  timeGap: number;
  neighbourStrength: number;
  neighbourRange: number;
  wallStrength: number;
  wallRange: number;
};

/**
 * JuPedSim's defaults, except the time gap: 0.7 s rather than 1 s puts the model's speed–density
 * relation within ±10% of Weidmann's at 0.5–3 P/m² in a 3 m corridor (RiMEA 4, test/sim), where
 * 1 s left it 27–41% slow above 2 P/m².
 */
export const DEFAULT_SPEED_MODEL: SpeedModel = {
  timeGap: 0.7,
  neighbourStrength: 8,
  neighbourRange: 0.1,
  wallStrength: 5,
  wallRange: 0.02,
};

/** Neighbours farther than this (m) do not steer or slow an agent. */
const INTERACTION_M = 2;
/** How strongly a squeezing agent veers to its right (share of its heading). */
const KEEP_RIGHT = 0.3;
/** Repulsion is not computed beyond this distance (m) past contact. */
const REPULSION_REACH_M = 1;

/** Scratch space for a step, made once and reused (no allocation per step). */
export class StepScratch {
  nx = new Float64Array(0);
  ny = new Float64Array(0);
  left = new Float64Array(0);
  head = new Int32Array(0);
  next = new Int32Array(0);
  readonly dir = new Float64Array(2);
  readonly normal = new Float64Array(2);
  ensure(n: number, cells: number) {
    if (this.nx.length < n) {
      const cap = Math.max(n, this.nx.length * 2, 64);
      this.nx = new Float64Array(cap);
      this.ny = new Float64Array(cap);
      this.left = new Float64Array(cap);
      this.next = new Int32Array(cap);
    }
    if (this.head.length < cells) this.head = new Int32Array(cells);
  }
}

/**
 * Moves everyone by one step of `dt` seconds: compute every new position from the old ones, then
 * apply them all. A move that would bring an agent closer to a wall than its radius, or through
 * one, slides along the wall or is not made. Writes each agent's distance left to its goal into
 * scratch.left (m).
 */
export function stepCrowd(c: Crowd, walls: WallIndex, dt: number, model: SpeedModel, s: StepScratch): void {
  const n = c.n;
  // Spatial hash over the walls' extent, cells of INTERACTION_M.
  const g = c.goal[0]?.grid;
  const x0 = g ? g.x0 - 1 : 0;
  const y0 = g ? g.y0 - 1 : 0;
  const cols = g ? Math.ceil((g.cols * g.cell + 2) / INTERACTION_M) + 1 : 1;
  const rows = g ? Math.ceil((g.rows * g.cell + 2) / INTERACTION_M) + 1 : 1;
  s.ensure(n, cols * rows);
  const { nx, ny, left, head, next, dir, normal } = s;
  head.fill(-1, 0, cols * rows);
  const cellOf = (x: number, y: number) => {
    const cx = Math.max(0, Math.min(cols - 1, Math.floor((x - x0) / INTERACTION_M)));
    const cy = Math.max(0, Math.min(rows - 1, Math.floor((y - y0) / INTERACTION_M)));
    return cy * cols + cx;
  };
  for (let i = 0; i < n; i++) {
    const k = cellOf(c.x[i] as number, c.y[i] as number);
    next[i] = head[k] as number;
    head[k] = i;
  }

  // Compute.
  for (let i = 0; i < n; i++) {
    const xi = c.x[i] as number;
    const yi = c.y[i] as number;
    const ri = c.radius[i] as number;
    left[i] = descend(c.goal[i] as (typeof c.goal)[number], xi, yi, dir);
    let ex = dir[0] as number;
    let ey = dir[1] as number;
    const e0x = ex;
    const e0y = ey;
    const cx = Math.floor((xi - x0) / INTERACTION_M);
    const cy = Math.floor((yi - y0) / INTERACTION_M);
    const squeeze = c.squeeze[i] as number;
    // Steering away from neighbours (less when squeezing past).
    for (let gy = Math.max(0, cy - 1); gy <= Math.min(rows - 1, cy + 1); gy++) {
      for (let gx = Math.max(0, cx - 1); gx <= Math.min(cols - 1, cx + 1); gx++) {
        for (let j = head[gy * cols + gx] as number; j >= 0; j = next[j] as number) {
          if (j === i) continue;
          const dx = xi - (c.x[j] as number);
          const dy = yi - (c.y[j] as number);
          const d2 = dx * dx + dy * dy;
          const l = ri + (c.radius[j] as number);
          // Beyond ℓ + 1 m the push is below e⁻¹⁰ of its strength: skip the exp.
          const reach = l + REPULSION_REACH_M;
          if (d2 >= reach * reach || d2 === 0) continue;
          const d = Math.sqrt(d2);
          const w = squeeze * model.neighbourStrength * Math.exp((l - d) / model.neighbourRange);
          ex += (w * dx) / d;
          ey += (w * dy) / d;
        }
      }
    }
    // Steering away from the nearest wall.
    const dw = walls.nearest(xi, yi, normal);
    if (Number.isFinite(dw)) {
      const w = model.wallStrength * Math.exp((ri - dw) / model.wallRange);
      ex += w * (normal[0] as number);
      ey += w * (normal[1] as number);
    }
    // A squeezing agent also keeps to its right, which breaks head-on deadlocks in narrow aisles.
    if (squeeze < 1) {
      ex += KEEP_RIGHT * e0y;
      ey -= KEEP_RIGHT * e0x;
    }
    let en = Math.hypot(ex, ey);
    if (en < 1e-9) {
      ex = e0x;
      ey = e0y;
      en = Math.hypot(ex, ey) || 1;
    }
    ex /= en;
    ey /= en;
    // The gap to the nearest agent ahead, within a body's width of the heading (less when squeezing).
    let gap = Number.POSITIVE_INFINITY;
    for (let gy = Math.max(0, cy - 1); gy <= Math.min(rows - 1, cy + 1); gy++) {
      for (let gx = Math.max(0, cx - 1); gx <= Math.min(cols - 1, cx + 1); gx++) {
        for (let j = head[gy * cols + gx] as number; j >= 0; j = next[j] as number) {
          if (j === i) continue;
          const dx = (c.x[j] as number) - xi;
          const dy = (c.y[j] as number) - yi;
          const along = ex * dx + ey * dy;
          if (along <= 0) continue;
          const l = ri + (c.radius[j] as number);
          if (along - l >= gap || Math.abs(-ey * dx + ex * dy) >= l * squeeze) continue;
          const d = Math.sqrt(dx * dx + dy * dy) - l;
          if (d < gap) gap = d;
        }
      }
    }
    const v0 = c.v0[i] as number;
    const v = Math.min(v0, Math.max(0, gap / model.timeGap));
    c.speed[i] = v;
    c.ex[i] = ex;
    c.ey[i] = ey;
    nx[i] = xi + v * ex * dt;
    ny[i] = yi + v * ey * dt;
  }

  // Apply, keeping clear of walls.
  for (let i = 0; i < n; i++) {
    const xi = c.x[i] as number;
    const yi = c.y[i] as number;
    const ri = c.radius[i] as number;
    let tx = nx[i] as number;
    let ty = ny[i] as number;
    if (!clear(walls, xi, yi, tx, ty, ri, normal)) {
      // Slide: drop the part of the step that goes into the wall.
      let sx = tx - xi;
      let sy = ty - yi;
      const into = sx * (normal[0] as number) + sy * (normal[1] as number);
      if (into < 0) {
        sx -= into * (normal[0] as number);
        sy -= into * (normal[1] as number);
      }
      tx = xi + sx;
      ty = yi + sy;
      if (!clear(walls, xi, yi, tx, ty, ri, normal)) {
        tx = xi;
        ty = yi;
        c.speed[i] = 0;
      }
    }
    c.x[i] = tx;
    c.y[i] = ty;
  }
}

/** Scratch for the wall normal at an agent's current position. */
const here = new Float64Array(2);

/**
 * True when moving to (tx, ty) crosses no wall and keeps the agent at least its radius from every
 * wall (or, for one that somehow stands too close already, takes it farther away).
 */
function clear(
  walls: WallIndex,
  x: number,
  y: number,
  tx: number,
  ty: number,
  r: number,
  normal: Float64Array,
): boolean {
  if (walls.crosses(x, y, tx, ty)) return false;
  const d = walls.nearest(tx, ty, normal);
  if (d >= r) return true;
  return d > walls.nearest(x, y, here) + 1e-9;
}
