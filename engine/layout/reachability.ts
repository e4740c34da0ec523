import { buildFloorGrid, type FloorGrid, flood, someCellInside, someCellNear } from './floorGrid.ts';
import { edges } from './geometry/polygon.ts';
import type { Point } from './geometry/types.ts';
import type { LayoutIssue } from './issues.ts';
import { goodsKinds, type StoreLayout } from './schema/store.ts';

/** Body width used for the connectivity rule (m). */
export const BODY_WIDTH_M = 0.5;
/** How close (m, centre to shelf) a person must come to take something from a shelf. */
const REACH_M = 0.6;
/** How close (m) a person must come to a till or post to stand at it. */
const STAND_M = 0.4;

export type Reachability = { grid: FloorGrid; reached: Uint8Array; issues: LayoutIssue[] };

/**
 * Floods the floor from every door one can come in by, at `BODY_WIDTH_M`, and reports each
 * exit, shelf front, till, queue, zone, object and staff post that nobody could walk to.
 */
export function checkReachability(
  store: StoreLayout,
  grid = buildFloorGrid(store, { radius: BODY_WIDTH_M / 2 }),
): Reachability {
  const issues: LayoutIssue[] = [];
  const width = `at ${BODY_WIDTH_M} m body width`;

  const seeds: number[] = [];
  store.entrances.forEach((e, i) => {
    const cells: number[] = [];
    someCellNear(grid, e.segment[0], e.segment[1], REACH_M, (c) => {
      if (grid.free[c]) cells.push(c);
      return false;
    });
    if (cells.length === 0)
      issues.push({
        path: `entrances[${i}]`,
        rule: 'reachable',
        message: `door "${e.id}" is blocked ${width}`,
      });
    if (e.direction !== 'out') seeds.push(...cells);
  });
  if (seeds.length === 0) {
    issues.push({
      path: 'entrances',
      rule: 'reachable',
      message: 'no open door to come in by ("in" or "both")',
    });
    return { grid, reached: new Uint8Array(grid.free.length), issues };
  }
  const reached = flood(grid, seeds);
  const isReached = (c: number) => reached[c] === 1;
  const reachedNear = (a: Point, b: Point, r: number) => someCellNear(grid, a, b, r, isReached);
  const unreachable = (path: string, what: string) =>
    issues.push({ path, rule: 'reachable', message: `${what} cannot be reached from an entrance ${width}` });

  store.entrances.forEach((e, i) => {
    if (e.direction !== 'in' && !reachedNear(e.segment[0], e.segment[1], REACH_M))
      unreachable(`entrances[${i}]`, `exit "${e.id}"`);
  });
  store.obstacles.forEach((o, i) => {
    if (!goodsKinds.has(o.kind)) return;
    const front = [...edges(o.polygon)].some(([a, b]) => reachedNear(a, b, REACH_M));
    if (!front) unreachable(`obstacles[${i}]`, `the front of ${o.kind} "${o.id}"`);
  });
  store.tills.forEach((t, i) => {
    if (!reachedNear(t.position, t.position, STAND_M)) unreachable(`tills[${i}].position`, `till "${t.id}"`);
    const tail = t.queue[t.queue.length - 1] as Point;
    if (!reachedNear(tail, tail, STAND_M))
      unreachable(`tills[${i}].queue`, `the end of the queue of till "${t.id}"`);
  });
  const areas = [
    ['zones', store.zones, 'zone'],
    ['objects', store.objects, 'object'],
  ] as const;
  for (const [name, list, noun] of areas) {
    list.forEach((a, i) => {
      if (!someCellInside(grid, a.polygon, isReached))
        unreachable(`${name}[${i}].polygon`, `${noun} "${a.id}"`);
    });
  }
  store.staffPosts.forEach((s, i) => {
    if (!reachedNear(s.position, s.position, STAND_M))
      unreachable(`staffPosts[${i}].position`, `staff post "${s.id}"`);
  });
  return { grid, reached, issues };
}
