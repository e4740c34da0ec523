import { clipToConvex, overlapArea } from './geometry/clip.ts';
import { cameraFootprint } from './geometry/footprint.ts';
import { area } from './geometry/polygon.ts';
import type { Point } from './geometry/types.ts';
import type { Camera, StoreLayout } from './schema/store.ts';

/** The floor a camera sees inside the store's walls: the outline cut by its (convex) footprint. */
export function visibleFloor(store: Pick<StoreLayout, 'outline'>, camera: Camera): Point[] {
  const footprint = cameraFootprint(camera);
  return footprint.length < 3 ? [] : clipToConvex(store.outline, footprint);
}

/** Area (m²) of the floor a camera sees inside the walls. */
export function visibleFloorArea(store: Pick<StoreLayout, 'outline'>, camera: Camera): number {
  return area(visibleFloor(store, camera));
}

/**
 * The zone a camera reports its sightings in: the zone covering most of the floor it sees,
 * or undefined when it sees none. Ties go to the zone listed first.
 */
export function cameraZone(
  store: Pick<StoreLayout, 'outline' | 'zones'>,
  camera: Camera,
): string | undefined {
  const seen = visibleFloor(store, camera);
  let best: string | undefined;
  let bestArea = 1e-6;
  for (const z of store.zones) {
    const a = seen.length ? overlapArea(seen, z.polygon) : 0;
    if (a > bestArea) [best, bestArea] = [z.id, a];
  }
  return best;
}
