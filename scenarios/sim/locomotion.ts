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
  /** One agent's neighbours within reach: index, offset from it, distance. */
  nbJ = new Int32Array(64);
  nbDx = new Float64Array(64);
  nbDy = new Float64Array(64);
  nbD = new Float64Array(64);
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
  growNeighbours() {
    const cap = this.nbJ.length * 2;
    const widen = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.nbJ = widen(this.nbJ);
    this.nbDx = widen(this.nbDx);
    this.nbDy = widen(this.nbDy);
    this.nbD = widen(this.nbD);
  }
}

/**
 * Moves everyone by one step of `dt` seconds: compute every new position from the old ones, then
 * apply them all. A move that would bring an agent closer to a wall than its radius, or through
 * one, slides along the wall or is not made. Writes each agent's distance left to its goal into
 * scratch.left (m). An agent with no desired speed (standing still on purpose) keeps its place
 * and heading and costs next to nothing.
 */
export function stepCrowd(c: Crowd, walls: WallIndex, dt: number, model: SpeedModel, s: StepScratch): void {
  const n = c.n;
  // Reach: beyond it no neighbour steers (repulsion is cut at ℓ + 1 m) or slows an agent (a gap
  // wider than v0·T does not limit speed). The spatial hash uses cells of that size, so the 3 × 3
  // cells around an agent hold everyone within reach.
  let rMax = 0;
  let vMax = 0;
  for (let i = 0; i < n; i++) {
    if ((c.radius[i] as number) > rMax) rMax = c.radius[i] as number;
    if ((c.v0[i] as number) > vMax) vMax = c.v0[i] as number;
  }
  const reach = Math.max(2 * rMax + REPULSION_REACH_M, 2 * rMax + vMax * model.timeGap) + 1e-6;
  const reach2 = reach * reach;
  const g = c.goal[0]?.grid;
  const x0 = g ? g.x0 - 1 : 0;
  const y0 = g ? g.y0 - 1 : 0;
  const cols = g ? Math.ceil((g.cols * g.cell + 2) / reach) + 1 : 1;
  const rows = g ? Math.ceil((g.rows * g.cell + 2) / reach) + 1 : 1;
  s.ensure(n, cols * rows);
  const { nx, ny, left, head, next, dir, normal } = s;
  head.fill(-1, 0, cols * rows);
  for (let i = 0; i < n; i++) {
    const cx = Math.max(0, Math.min(cols - 1, Math.floor(((c.x[i] as number) - x0) / reach)));
    const cy = Math.max(0, Math.min(rows - 1, Math.floor(((c.y[i] as number) - y0) / reach)));
    const k = cy * cols + cx;
    next[i] = head[k] as number;
    head[k] = i;
  }

  // Compute.
  for (let i = 0; i < n; i++) {
    const xi = c.x[i] as number;
    const yi = c.y[i] as number;
    const ri = c.radius[i] as number;
    left[i] = descend(c.goal[i] as (typeof c.goal)[number], xi, yi, dir);
    const v0 = c.v0[i] as number;
    if (v0 === 0) {
      c.speed[i] = 0;
      nx[i] = xi;
      ny[i] = yi;
      continue;
    }
    let ex = dir[0] as number;
    let ey = dir[1] as number;
    const e0x = ex;
    const e0y = ey;
    // Gather the neighbours within reach once; both steering and the gap ahead read them.
    const cx = Math.max(0, Math.min(cols - 1, Math.floor((xi - x0) / reach)));
    const cy = Math.max(0, Math.min(rows - 1, Math.floor((yi - y0) / reach)));
    let m = 0;
    for (let gy = Math.max(0, cy - 1); gy <= Math.min(rows - 1, cy + 1); gy++) {
      for (let gx = Math.max(0, cx - 1); gx <= Math.min(cols - 1, cx + 1); gx++) {
        for (let j = head[gy * cols + gx] as number; j >= 0; j = next[j] as number) {
          if (j === i) continue;
          const dx = (c.x[j] as number) - xi;
          const dy = (c.y[j] as number) - yi;
          const d2 = dx * dx + dy * dy;
          if (d2 >= reach2) continue;
          if (m === s.nbJ.length) s.growNeighbours();
          s.nbJ[m] = j;
          s.nbDx[m] = dx;
          s.nbDy[m] = dy;
          s.nbD[m] = Math.sqrt(d2);
          m++;
        }
      }
    }
    const { nbJ, nbDx, nbDy, nbD } = s;
    const squeeze = c.squeeze[i] as number;
    // Steering away from neighbours (less when squeezing past).
    for (let k = 0; k < m; k++) {
      const d = nbD[k] as number;
      const l = ri + (c.radius[nbJ[k] as number] as number);
      // Beyond ℓ + 1 m the push is below e⁻¹⁰ of its strength: skip the exp.
      if (d === 0 || d >= l + REPULSION_REACH_M) continue;
      const w = squeeze * model.neighbourStrength * Math.exp((l - d) / model.neighbourRange);
      ex -= (w * (nbDx[k] as number)) / d;
      ey -= (w * (nbDy[k] as number)) / d;
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
    for (let k = 0; k < m; k++) {
      const dx = nbDx[k] as number;
      const dy = nbDy[k] as number;
      const along = ex * dx + ey * dy;
      if (along <= 0) continue;
      const l = ri + (c.radius[nbJ[k] as number] as number);
      if (along - l >= gap || Math.abs(-ey * dx + ex * dy) >= l * squeeze) continue;
      const d = (nbD[k] as number) - l;
      if (d < gap) gap = d;
    }
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
