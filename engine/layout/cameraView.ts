import { intersection, overlapArea } from './geometry/clip.ts';
import { cameraFootprint } from './geometry/footprint.ts';
import { area } from './geometry/polygon.ts';
import type { Point } from './geometry/types.ts';
import type { Camera, StoreLayout } from './schema/store.ts';

/** The floor a camera sees inside the store's walls: its footprint cut by the outline. */
export function visibleFloor(store: Pick<StoreLayout, 'outline'>, camera: Camera): Point[][] {
  const footprint = cameraFootprint(camera);
  return footprint.length < 3 ? [] : intersection(footprint, store.outline);
}

/** Area (m²) of the floor a camera sees inside the walls. */
export function visibleFloorArea(store: Pick<StoreLayout, 'outline'>, camera: Camera): number {
  return visibleFloor(store, camera).reduce((s, p) => s + area(p), 0);
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
    const a = seen.reduce((sum, part) => sum + overlapArea(part, z.polygon), 0);
    if (a > bestArea) [best, bestArea] = [z.id, a];
  }
  return best;
}
