import { bbox, edges } from './geometry/polygon.ts';
import { pointSegmentDistance } from './geometry/segment.ts';
import type { Point, Polygon } from './geometry/types.ts';

/**
 * The walkable floor on a square grid: a cell is free when a disc of `radius` (half the body
 * width) centred on it touches no wall and no obstacle. Cell i covers column i % cols, row
 * floor(i / cols); its centre is (x0 + (col + ½)·cell, y0 + (row + ½)·cell).
 */
export type FloorGrid = {
  x0: number;
  y0: number;
  cell: number;
  cols: number;
  rows: number;
  radius: number;
  free: Uint8Array;
};

/** Grids larger than this many cells get coarser cells, so a huge outline cannot exhaust memory. */
const MAX_CELLS = 4_000_000;

export function buildFloorGrid(
  floor: { outline: Polygon; obstacles: readonly { polygon: Polygon }[] },
  { radius = 0.25, cell = 0.1 }: { radius?: number; cell?: number } = {},
): FloorGrid {
  const box = bbox(floor.outline);
  const w = Math.max(box.maxX - box.minX, cell);
  const h = Math.max(box.maxY - box.minY, cell);
  const size = Math.max(cell, Math.sqrt((w * h) / MAX_CELLS));
  const cols = Math.ceil(w / size);
  const rows = Math.ceil(h / size);
  const grid: FloorGrid = {
    x0: box.minX,
    y0: box.minY,
    cell: size,
    cols,
    rows,
    radius,
    free: new Uint8Array(cols * rows),
  };
  fillPolygon(grid, floor.outline, 1);
  for (const [a, b] of edges(floor.outline)) blockNearSegment(grid, a, b, radius);
  for (const o of floor.obstacles) {
    fillPolygon(grid, o.polygon, 0);
    for (const [a, b] of edges(o.polygon)) blockNearSegment(grid, a, b, radius);
  }
  return grid;
}

export function cellCentre(g: FloorGrid, i: number): Point {
  return [g.x0 + ((i % g.cols) + 0.5) * g.cell, g.y0 + (Math.floor(i / g.cols) + 0.5) * g.cell];
}

/**
 * Calls `visit` for each cell whose centre lies within `r` of the segment a-b (a point when
 * a = b); stops early and returns true as soon as `visit` returns true.
 */
export function someCellNear(
  g: FloorGrid,
  a: Point,
  b: Point,
  r: number,
  visit: (i: number) => boolean,
): boolean {
  const c0 = Math.max(0, Math.floor((Math.min(a[0], b[0]) - r - g.x0) / g.cell));
  const c1 = Math.min(g.cols - 1, Math.floor((Math.max(a[0], b[0]) + r - g.x0) / g.cell));
  const r0 = Math.max(0, Math.floor((Math.min(a[1], b[1]) - r - g.y0) / g.cell));
  const r1 = Math.min(g.rows - 1, Math.floor((Math.max(a[1], b[1]) + r - g.y0) / g.cell));
  for (let row = r0; row <= r1; row++) {
    const y = g.y0 + (row + 0.5) * g.cell;
    for (let col = c0; col <= c1; col++) {
      const x = g.x0 + (col + 0.5) * g.cell;
      if (pointSegmentDistance([x, y], a, b) <= r && visit(row * g.cols + col)) return true;
    }
  }
  return false;
}

/**
 * Calls `visit` for each cell whose centre lies inside the polygon (even-odd, by scanline);
 * stops early and returns true as soon as `visit` returns true.
 */
export function someCellInside(g: FloorGrid, poly: Polygon, visit: (i: number) => boolean): boolean {
  const box = bbox(poly);
  const r0 = Math.max(0, Math.floor((box.minY - g.y0) / g.cell));
  const r1 = Math.min(g.rows - 1, Math.floor((box.maxY - g.y0) / g.cell));
  const xs: number[] = [];
  for (let row = r0; row <= r1; row++) {
    const y = g.y0 + (row + 0.5) * g.cell;
    xs.length = 0;
    for (const [p, q] of edges(poly)) {
      if (p[1] > y !== q[1] > y) xs.push(p[0] + ((y - p[1]) * (q[0] - p[0])) / (q[1] - p[1]));
    }
    xs.sort((u, v) => u - v);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Centres strictly between the two crossings.
      const c0 = Math.max(0, Math.floor(((xs[k] as number) - g.x0) / g.cell - 0.5) + 1);
      const c1 = Math.min(g.cols - 1, Math.ceil(((xs[k + 1] as number) - g.x0) / g.cell - 0.5) - 1);
      for (let col = c0; col <= c1; col++) if (visit(row * g.cols + col)) return true;
    }
  }
  return false;
}

/** Indices of the cells whose centres lie within `r` of the segment a-b. */
export function cellsNear(g: FloorGrid, a: Point, b: Point, r: number): number[] {
  const out: number[] = [];
  someCellNear(g, a, b, r, (i) => {
    out.push(i);
    return false;
  });
  return out;
}

/** Indices of the cells whose centres lie inside the polygon. */
export function cellsInside(g: FloorGrid, poly: Polygon): number[] {
  const out: number[] = [];
  someCellInside(g, poly, (i) => {
    out.push(i);
    return false;
  });
  return out;
}

function fillPolygon(g: FloorGrid, poly: Polygon, value: 0 | 1) {
  someCellInside(g, poly, (i) => {
    g.free[i] = value;
    return false;
  });
}

function blockNearSegment(g: FloorGrid, a: Point, b: Point, r: number) {
  // A hair under r, so that a corridor exactly one body wide stays passable on the grid.
  someCellNear(g, a, b, r - 1e-9, (i) => {
    g.free[i] = 0;
    return false;
  });
}

/** Marks every free cell reachable from the seeds by 4-neighbour steps through free cells. */
export function flood(g: FloorGrid, seeds: Iterable<number>): Uint8Array {
  const reached = new Uint8Array(g.free.length);
  const queue = new Int32Array(g.free.length);
  let head = 0;
  let tail = 0;
  for (const s of seeds) {
    if (g.free[s] && !reached[s]) {
      reached[s] = 1;
      queue[tail++] = s;
    }
  }
  const { cols, free } = g;
  const n = free.length;
  while (head < tail) {
    const i = queue[head++] as number;
    const col = i % cols;
    // The four neighbours, inlined: this loop runs once per floor cell.
    for (let k = 0; k < 4; k++) {
      let j: number;
      if (k === 0) j = col > 0 ? i - 1 : -1;
      else if (k === 1) j = col < cols - 1 ? i + 1 : -1;
      else if (k === 2) j = i - cols;
      else j = i + cols;
      if (j >= 0 && j < n && free[j] && !reached[j]) {
        reached[j] = 1;
        queue[tail++] = j;
      }
    }
  }
  return reached;
}
