import { distanceField } from './distanceField.ts';
import { cellCentre, cellsInside } from './floorGrid.ts';
import { area, centroid } from './geometry/polygon.ts';
import type { Point } from './geometry/types.ts';
import { checkReachability } from './reachability.ts';
import { type CameraClass, cameraClasses } from './schema/primitives.ts';
import type { StoreLayout } from './schema/store.ts';

export type StoreSummary = {
  id: string;
  name: string;
  area_m2: number;
  walkable_m2: number;
  zones: { id: string; class: CameraClass; area_m2: number }[];
  obstaclesByKind: Record<string, number>;
  categories: string[];
  tills: { staffed: number; self: number; open: number };
  camerasByClass: Record<CameraClass, number>;
  loop: string[];
  /** Walking distance along the loop, zone to zone (m); null when a leg cannot be walked. */
  loopLength_m: number | null;
  staffPosts: number;
};

const r1 = (x: number) => Math.round(x * 10) / 10;

/** The facts a planner asks first about a layout. Expects a layout that passed validation. */
export function describeStore(store: StoreLayout): StoreSummary {
  const { grid, reached } = checkReachability(store);
  const walkable = reached.reduce((n, c) => n + c, 0) * grid.cell * grid.cell;
  const obstaclesByKind: Record<string, number> = {};
  for (const o of store.obstacles) obstaclesByKind[o.kind] = (obstaclesByKind[o.kind] ?? 0) + 1;
  const camerasByClass = Object.fromEntries(cameraClasses.map((c) => [c, 0])) as Record<CameraClass, number>;
  for (const c of store.cameras) camerasByClass[c.class] += 1;

  // One reachable point per zone, the one nearest its centroid; the loop walks between them.
  const anchor = new Map<string, number>();
  for (const z of store.zones) {
    const c = centroid(z.polygon);
    let best = -1;
    let bestD = Infinity;
    for (const i of cellsInside(grid, z.polygon)) {
      if (!reached[i]) continue;
      const p: Point = cellCentre(grid, i);
      const d = Math.hypot(p[0] - c[0], p[1] - c[1]);
      if (d < bestD) [best, bestD] = [i, d];
    }
    if (best >= 0) anchor.set(z.id, best);
  }
  let loopLength: number | null = store.loop.length ? 0 : null;
  for (let i = 1; i < store.loop.length && loopLength !== null; i++) {
    const a = anchor.get(store.loop[i - 1] as string);
    const b = anchor.get(store.loop[i] as string);
    const d = a === undefined || b === undefined ? Infinity : (distanceField(grid, [a])[b] as number);
    loopLength = Number.isFinite(d) ? loopLength + d : null;
  }

  return {
    id: store.id,
    name: store.name,
    area_m2: r1(area(store.outline)),
    walkable_m2: r1(walkable),
    zones: store.zones.map((z) => ({ id: z.id, class: z.class, area_m2: r1(area(z.polygon)) })),
    obstaclesByKind,
    categories: [...new Set(store.obstacles.flatMap((o) => (o.category ? [o.category] : [])))].sort(),
    tills: {
      staffed: store.tills.filter((t) => t.kind === 'staffed').length,
      self: store.tills.filter((t) => t.kind === 'self').length,
      open: store.tills.filter((t) => t.open).length,
    },
    camerasByClass,
    loop: store.loop,
    loopLength_m: loopLength === null ? null : r1(loopLength),
    staffPosts: store.staffPosts.length,
  };
}

/** The summary in plain language, a few lines. */
export function formatStoreSummary(s: StoreSummary): string {
  const kinds = Object.entries(s.obstaclesByKind)
    .map(([k, n]) => `${n} ${plural(k, n)}`)
    .join(', ');
  const cams = Object.entries(s.camerasByClass)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} ${c}`)
    .join(', ');
  const total = Object.values(s.camerasByClass).reduce((a, b) => a + b, 0);
  const lines = [
    `${s.name} (${s.id}): ${s.area_m2} m² inside the walls, ${s.walkable_m2} m² walkable at 0.5 m body width`,
    `  zones (${s.zones.length}): ${s.zones.map((z) => `${z.id} ${z.area_m2} m²`).join(', ') || 'none'}`,
    `  fixtures: ${kinds || 'none'}${s.categories.length ? `; categories: ${s.categories.join(', ')}` : ''}`,
    `  tills: ${s.tills.staffed} staffed + ${s.tills.self} self-checkout, ${s.tills.open} open`,
    `  cameras (${total}): ${cams || 'none'}`,
    `  loop: ${s.loop.length ? s.loop.join(' → ') : 'none'}${s.loopLength_m !== null ? `, about ${s.loopLength_m} m on foot` : ''}`,
    `  staff posts: ${s.staffPosts}`,
  ];
  return lines.join('\n');
}

function plural(word: string, n: number): string {
  if (n === 1) return word;
  return word.endsWith('f') ? `${word.slice(0, -1)}ves` : `${word}s`;
}
