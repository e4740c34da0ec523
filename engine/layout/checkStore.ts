import { visibleFloorArea } from './cameraView.ts';
import { areaOutside, overlapArea } from './geometry/clip.ts';
import {
  bbox,
  centroid,
  containsPoint,
  onBoundary,
  segmentEntersPolygon,
  segmentInsidePolygon,
  simplePolygonProblem,
  strictlyInside,
} from './geometry/polygon.ts';
import { distance, pointOnSegment } from './geometry/segment.ts';
import type { Point, Polygon } from './geometry/types.ts';
import type { LayoutIssue } from './issues.ts';
import type { StoreLayout } from './schema/store.ts';

/** Overlaps and spills smaller than this (m²) are rounding, not design. */
const AREA_TOL = 1e-4;
/** How far (m) a point may be from a line and still count as on it. */
const LINE_TOL = 0.02;
/** A store is at most this many metres across. */
export const MAX_EXTENT_M = 1000;
/** A door must let one person through. */
const MIN_DOOR_M = 0.5;
/** A camera must see at least this much floor (m²) inside the walls. */
const MIN_VIEW_M2 = 0.5;
/** A queue line starts at most this far (m) from its till. */
const MAX_QUEUE_GAP_M = 2;

/**
 * The semantic rules of `varv.store/1` beyond shape: geometry inside the outline, no overlaps,
 * doors on walls, references that resolve and unique ids. Reachability is checked separately.
 */
export function checkStore(store: StoreLayout): LayoutIssue[] {
  const issues: LayoutIssue[] = [];
  const add = (path: string, rule: string, message: string) => issues.push({ path, rule, message });
  const outline = store.outline;

  const outlineProblem = simplePolygonProblem(outline);
  if (outlineProblem) add('outline', 'simple-polygon', outlineProblem);
  const box = bbox(outline);
  if (box.maxX - box.minX > MAX_EXTENT_M || box.maxY - box.minY > MAX_EXTENT_M) {
    add('outline', 'too-large', `spans more than ${MAX_EXTENT_M} m`);
  }
  const outlineOk = !outlineProblem;

  checkUniqueIds(store, add);

  /** A polygon must be simple and inside the outline; returns whether it is simple. */
  const insideOutline = (path: string, poly: Polygon): boolean => {
    const problem = simplePolygonProblem(poly);
    if (problem) {
      add(path, 'simple-polygon', problem);
      return false;
    }
    if (outlineOk && areaOutside(poly, outline) > AREA_TOL)
      add(path, 'inside-outline', 'lies outside the outline');
    return true;
  };
  const pointInside = (path: string, p: Point) => {
    if (outlineOk && !containsPoint(outline, p)) add(path, 'inside-outline', 'lies outside the outline');
  };

  const simpleObstacles = store.obstacles.map((o, i) => insideOutline(`obstacles[${i}].polygon`, o.polygon));
  for (let i = 0; i < store.obstacles.length; i++) {
    const a = store.obstacles[i];
    if (!a || !simpleObstacles[i]) continue;
    const boxA = bbox(a.polygon);
    for (let j = i + 1; j < store.obstacles.length; j++) {
      const b = store.obstacles[j];
      if (!b || !simpleObstacles[j] || !boxesOverlap(boxA, bbox(b.polygon))) continue;
      if (overlapArea(a.polygon, b.polygon) > AREA_TOL) {
        add(`obstacles[${j}].polygon`, 'no-overlap', `overlaps obstacle "${a.id}"`);
      }
    }
    for (const till of store.tills) {
      if (strictlyInside(a.polygon, till.position) && !onBoundary(till.position, a.polygon)) {
        add(`obstacles[${i}].polygon`, 'no-overlap', `overlaps till "${till.id}"`);
      } else if (crossesPolyline(till.queue, a.polygon)) {
        add(`obstacles[${i}].polygon`, 'no-overlap', `crosses the queue line of till "${till.id}"`);
      }
    }
  }

  store.entrances.forEach((e, i) => {
    const [p, q] = e.segment;
    const width = distance(p, q);
    if (width < MIN_DOOR_M)
      add(
        `entrances[${i}].segment`,
        'door-width',
        `is ${round(width)} m wide, narrower than a person (${MIN_DOOR_M} m)`,
      );
    else if (outlineOk && !onOneEdge(p, q, outline))
      add(`entrances[${i}].segment`, 'on-outline', 'does not lie on the outline');
  });

  store.tills.forEach((t, i) => {
    pointInside(`tills[${i}].position`, t.position);
    if (outlineOk && !polylineInside(t.queue, outline))
      add(`tills[${i}].queue`, 'inside-outline', 'leaves the outline');
    const gap = distance(t.position, t.queue[0] as Point);
    if (gap > MAX_QUEUE_GAP_M)
      add(
        `tills[${i}].queue`,
        'queue-at-till',
        `starts ${round(gap)} m from the till (at most ${MAX_QUEUE_GAP_M} m)`,
      );
  });

  const zoneIds = new Set(store.zones.map((z) => z.id));
  const zonesById = new Map(store.zones.map((z) => [z.id, z]));
  const obstacleIds = new Set(store.obstacles.map((o) => o.id));
  store.zones.forEach((z, i) => {
    insideOutline(`zones[${i}].polygon`, z.polygon);
  });
  store.objects.forEach((o, i) => {
    const simple = insideOutline(`objects[${i}].polygon`, o.polygon);
    const zone = zonesById.get(o.zone);
    if (!zone) add(`objects[${i}].zone`, 'known-zone', `no zone "${o.zone}"`);
    else if (simple && !containsPoint(zone.polygon, centroid(o.polygon))) {
      add(`objects[${i}].polygon`, 'in-zone', `lies outside its zone "${o.zone}"`);
    }
    if (o.obstacle !== undefined && !obstacleIds.has(o.obstacle))
      add(`objects[${i}].obstacle`, 'known-obstacle', `no obstacle "${o.obstacle}"`);
  });
  store.cameras.forEach((c, i) => {
    pointInside(`cameras[${i}].position`, c.position);
    if (outlineOk && containsPoint(outline, c.position) && visibleFloorArea(store, c) < MIN_VIEW_M2) {
      add(
        `cameras[${i}]`,
        'sees-floor',
        `camera "${c.id}" sees less than ${MIN_VIEW_M2} m² of floor (check pitch, height and range)`,
      );
    }
  });
  store.loop.forEach((z, i) => {
    if (!zoneIds.has(z)) add(`loop[${i}]`, 'known-zone', `no zone "${z}"`);
  });
  store.staffPosts.forEach((s, i) => {
    pointInside(`staffPosts[${i}].position`, s.position);
    s.serves.forEach((z, j) => {
      if (!zoneIds.has(z)) add(`staffPosts[${i}].serves[${j}]`, 'known-zone', `no zone "${z}"`);
    });
  });
  return issues;
}

function checkUniqueIds(store: StoreLayout, add: (path: string, rule: string, message: string) => void) {
  const seen = new Map<string, string>();
  const collections = [
    'obstacles',
    'entrances',
    'tills',
    'zones',
    'objects',
    'cameras',
    'staffPosts',
  ] as const;
  for (const name of collections) {
    store[name].forEach((item, i) => {
      const path = `${name}[${i}].id`;
      const first = seen.get(item.id);
      if (first) add(path, 'unique-id', `"${item.id}" is already used by ${first}`);
      else seen.set(item.id, `${name}[${i}]`);
    });
  }
}

function boxesOverlap(a: ReturnType<typeof bbox>, b: ReturnType<typeof bbox>): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}

function onOneEdge(p: Point, q: Point, outline: Polygon): boolean {
  for (let i = 0; i < outline.length; i++) {
    const a = outline[i] as Point;
    const b = outline[(i + 1) % outline.length] as Point;
    if (pointOnSegment(p, a, b, LINE_TOL) && pointOnSegment(q, a, b, LINE_TOL)) return true;
  }
  return false;
}

function crossesPolyline(line: readonly Point[], poly: Polygon): boolean {
  for (let i = 1; i < line.length; i++)
    if (segmentEntersPolygon(line[i - 1] as Point, line[i] as Point, poly)) return true;
  return false;
}

function polylineInside(line: readonly Point[], poly: Polygon): boolean {
  for (let i = 1; i < line.length; i++)
    if (!segmentInsidePolygon(line[i - 1] as Point, line[i] as Point, poly)) return false;
  return true;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
