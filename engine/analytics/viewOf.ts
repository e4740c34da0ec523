import { area, type Point, PreparedPolygon, type StoreLayout, visibleFloor } from '../layout/index.ts';

/** A camera chosen to watch a place, with how much of the place it sees. */
export type View = { camera: string; coverage: number };

/**
 * The camera that watches a place best: the one whose visible floor holds the largest share of
 * the place's sample points; among those that see at least 80% as much, the one that sees the least
 * floor besides,
 * so a camera made for the place wins over a wide one that merely includes it. Null when no
 * camera covers at least `minCoverage` of it.
 */
export function viewOf(
  store: Pick<StoreLayout, 'outline' | 'cameras'>,
  points: readonly Point[],
  minCoverage = 0.5,
  classes?: ReadonlySet<string>,
): View | null {
  const seen: (View & { area: number })[] = [];
  for (const camera of store.cameras) {
    if (classes && !classes.has(camera.class)) continue;
    const floor = visibleFloor(store, camera);
    if (floor.length < 3) continue;
    const p = new PreparedPolygon(floor);
    const coverage = points.filter(([x, y]) => p.contains(x, y)).length / Math.max(1, points.length);
    if (coverage >= minCoverage) seen.push({ camera: camera.id, coverage, area: area(floor) });
  }
  const most = Math.max(0, ...seen.map((v) => v.coverage));
  const best = seen.filter((v) => v.coverage >= 0.8 * most).sort((a, b) => a.area - b.area)[0];
  return best ? { camera: best.camera, coverage: best.coverage } : null;
}

/** Points every `step` metres along a polyline (its vertices included). */
export function alongPolyline(line: readonly Point[], step = 0.25): Point[] {
  const out: Point[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i] as Point;
    const b = line[i + 1] as Point;
    const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / step));
    for (let k = 0; k < n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  if (line.length) out.push(line[line.length - 1] as Point);
  return out;
}

/** A grid of points (every `step` metres) inside a polygon. */
export function insidePolygon(poly: readonly Point[], step = 0.25): Point[] {
  const p = new PreparedPolygon(poly);
  const xs = poly.map((q) => q[0]);
  const ys = poly.map((q) => q[1]);
  const out: Point[] = [];
  for (let x = Math.min(...xs) + step / 2; x < Math.max(...xs); x += step)
    for (let y = Math.min(...ys) + step / 2; y < Math.max(...ys); y += step)
      if (p.contains(x, y)) out.push([x, y]);
  return out;
}
