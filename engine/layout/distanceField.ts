import type { FloorGrid } from './floorGrid.ts';

/**
 * Walking distance (m) from a set of target cells to every free cell of a floor grid: the eikonal
 * equation |∇T| = 1 solved by fast marching (Sethian 1996), first order, on free cells only.
 * Unreachable cells stay Infinity. One field serves every agent heading to the same target.
 */
export function distanceField(g: FloorGrid, targets: Iterable<number>): Float32Array {
  const n = g.free.length;
  const T = new Float32Array(n).fill(Number.POSITIVE_INFINITY);
  const state = new Uint8Array(n); // 0 far, 1 trial, 2 known
  const heap = new CellHeap(n);
  for (const c of targets) {
    if (!g.free[c] || state[c] === 1) continue;
    T[c] = 0;
    state[c] = 1;
    heap.push(c, 0);
  }
  const { cols, rows, cell: h } = g;
  const value = (c: number) => (state[c] === 2 ? (T[c] as number) : Number.POSITIVE_INFINITY);
  while (heap.size > 0) {
    const c = heap.pop();
    if (state[c] === 2) continue;
    state[c] = 2;
    const col = c % cols;
    const row = (c - col) / cols;
    for (let k = 0; k < 4; k++) {
      const nc = k === 0 ? col - 1 : k === 1 ? col + 1 : col;
      const nr = k === 2 ? row - 1 : k === 3 ? row + 1 : row;
      if (nc < 0 || nc >= cols || nr < 0 || nr >= rows) continue;
      const m = nr * cols + nc;
      if (!g.free[m] || state[m] === 2) continue;
      // Upwind neighbours in x and y among known cells.
      const a = Math.min(
        nc > 0 ? value(m - 1) : Number.POSITIVE_INFINITY,
        nc < cols - 1 ? value(m + 1) : Number.POSITIVE_INFINITY,
      );
      const b = Math.min(
        nr > 0 ? value(m - cols) : Number.POSITIVE_INFINITY,
        nr < rows - 1 ? value(m + cols) : Number.POSITIVE_INFINITY,
      );
      let t: number;
      if (Math.abs(a - b) >= h || !Number.isFinite(a) || !Number.isFinite(b)) t = Math.min(a, b) + h;
      else t = (a + b + Math.sqrt(2 * h * h - (a - b) * (a - b))) / 2;
      if (t < (T[m] as number)) {
        T[m] = t;
        state[m] = 1;
        heap.push(m, t);
      }
    }
  }
  return T;
}

/** A binary min-heap of cells keyed by arrival time (lazy deletion: stale entries are skipped). */
class CellHeap {
  private cells: Int32Array;
  private keys: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.cells = new Int32Array(Math.max(16, capacity));
    this.keys = new Float64Array(Math.max(16, capacity));
  }
  push(cell: number, key: number) {
    if (this.size === this.cells.length) {
      const c = new Int32Array(this.size * 2);
      c.set(this.cells);
      this.cells = c;
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((this.keys[p] as number) <= key) break;
      this.cells[i] = this.cells[p] as number;
      this.keys[i] = this.keys[p] as number;
      i = p;
    }
    this.cells[i] = cell;
    this.keys[i] = key;
  }
  pop(): number {
    const top = this.cells[0] as number;
    const lastCell = this.cells[--this.size] as number;
    const lastKey = this.keys[this.size] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && (this.keys[r] as number) < (this.keys[l] as number) ? r : l;
      if ((this.keys[c] as number) >= lastKey) break;
      this.cells[i] = this.cells[c] as number;
      this.keys[i] = this.keys[c] as number;
      i = c;
    }
    this.cells[i] = lastCell;
    this.keys[i] = lastKey;
    return top;
  }
}
