import {
  applyHomography,
  type Camera,
  cameraHomography,
  cameraZone,
  type Homography,
  type Point,
  PreparedPolygon,
  type StoreLayout,
} from '../layout/index.ts';

/** A face's box in frame pixels (what the locator needs of a detection). */
type FaceBox = { x: number; y: number; width: number; height: number };

/**
 * Places a camera's faces in the store's zones: the centre of a face's box, as a fraction of the
 * frame's width and height, goes through the camera's image→floor homography (its reference
 * points, else its pose with faces at head height) to a floor point, and the first zone
 * (in the layout's order) containing it is the face's zone. A face that maps to no zone, or a
 * camera whose map is undefined, falls back to the camera's own zone (the zone covering most of
 * what it sees, as the simulator reports), or the camera's id when it sees no zone.
 */
export class ZoneLocator {
  readonly fallback: string;
  private readonly zones: { id: string; area: PreparedPolygon }[];
  /** Homographies by frame aspect ratio (a pose-derived map depends on it). */
  private readonly maps = new Map<number, Homography | null>();

  constructor(
    store: Pick<StoreLayout, 'outline' | 'zones'>,
    private readonly camera: Camera,
  ) {
    this.fallback = cameraZone(store, camera) ?? camera.id;
    this.zones = store.zones.map((z) => ({ id: z.id, area: new PreparedPolygon(z.polygon) }));
  }

  /** The floor point (m) of a face, or null when the camera's map does not reach it. */
  floorOf(box: FaceBox, width: number, height: number): Point | null {
    const aspect = Math.round((width / height) * 1000) / 1000;
    let h = this.maps.get(aspect);
    if (h === undefined) {
      h = cameraHomography(this.camera, aspect);
      this.maps.set(aspect, h);
    }
    if (!h) return null;
    return applyHomography(h, [(box.x + box.width / 2) / width, (box.y + box.height / 2) / height]);
  }

  /** The zone of a face in a frame of the given size. */
  zoneOf(box: FaceBox, width: number, height: number): string {
    const p = this.floorOf(box, width, height);
    if (p) for (const z of this.zones) if (z.area.contains(p[0], p[1])) return z.id;
    return this.fallback;
  }
}
