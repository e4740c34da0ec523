import type { FloorGrid } from './floorGrid.ts';

const SQRT2 = Math.SQRT2;

/**
 * Walking distance (m) from one cell to every free cell: Dijkstra over 8 neighbours, with no
 * diagonal step past a blocked corner. Unreachable cells stay Infinity. An estimate within a few
 * per cent of the true shortest path; the simulator's navigation computes its own fields.
 */
export function walkingDistances(g: FloorGrid, from: number): Float64Array {
  const dist = new Float64Array(g.free.length).fill(Infinity);
  if (!g.free[from]) return dist;
  const heap = new MinHeap();
  dist[from] = 0;
  heap.push(0, from);
  const { cols, free } = g;
  while (heap.size > 0) {
    const [d, i] = heap.pop();
    if (d > (dist[i] as number)) continue;
    const col = i % cols;
    const row = (i - col) / cols;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (dx === 0 && dy === 0) continue;
        const c = col + dx;
        const r = row + dy;
        if (c < 0 || c >= cols || r < 0 || r >= g.rows) continue;
        const j = r * cols + c;
        if (!free[j]) continue;
        if (dx !== 0 && dy !== 0 && (!free[row * cols + c] || !free[r * cols + col])) continue;
        const nd = d + (dx !== 0 && dy !== 0 ? SQRT2 : 1) * g.cell;
        if (nd < (dist[j] as number)) {
          dist[j] = nd;
          heap.push(nd, j);
        }
      }
    }
  }
  return dist;
}

/** A binary min-heap of (priority, cell) pairs. */
class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, val: number) {
    const k = this.keys;
    const v = this.vals;
    let i = k.length;
    k.push(key);
    v.push(val);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((k[p] as number) <= key) break;
      k[i] = k[p] as number;
      v[i] = v[p] as number;
      i = p;
    }
    k[i] = key;
    v[i] = val;
  }
  pop(): [number, number] {
    const k = this.keys;
    const v = this.vals;
    const top: [number, number] = [k[0] as number, v[0] as number];
    const lastK = k.pop() as number;
    const lastV = v.pop() as number;
    const n = k.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (k[r] as number) < (k[l] as number) ? r : l;
        if ((k[c] as number) >= lastK) break;
        k[i] = k[c] as number;
        v[i] = v[c] as number;
        i = c;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }
}
