import { VarvError } from '../../engine/errors.ts';
import { containsPoint, type Point, PreparedPolygon, type StoreLayout } from '../../engine/layout/index.ts';
import { type PickPoint, pickPoints } from '../shopper/tripPlan.ts';
import { type NavField, Navigation } from './navigation.ts';
import { WallIndex } from './wallIndex.ts';

/** Side (m) of the floor tiles used to measure how much of the store a shopper covers. */
const TILE_M = 2;

/** The fixed parts of a store that every day of a run shares. */
export class StoreWorld {
  readonly nav: Navigation;
  readonly walls: WallIndex;
  readonly points: PickPoint[];
  readonly doorsIn: { id: string; a: Point; b: Point; inward: Point }[];
  readonly doorsOut: { id: string; field: NavField }[];
  readonly tiles: { cols: number; walkable: number };
  /** The outline's lower-left corner: the origin of the tiles. */
  private readonly x0: number;
  private readonly y0: number;
  readonly zones: { id: string; area: PreparedPolygon }[];
  readonly objects: { id: string; area: PreparedPolygon }[];
  /** Per door, the camera that counts people through it. */
  readonly counters = new Map<string, { camera: string; zone: string }>();

  constructor(readonly store: StoreLayout) {
    this.nav = new Navigation(store);
    this.zones = store.zones.map((z) => ({ id: z.id, area: new PreparedPolygon(z.polygon) }));
    this.objects = store.objects.map((o) => ({ id: o.id, area: new PreparedPolygon(o.polygon) }));
    this.walls = new WallIndex(store);
    this.nav.reachableFrom(store.entrances.filter((e) => e.direction !== 'out').map((e) => e.segment));
    this.points = pickPoints(store, (x, y) => this.nav.walkable(x, y));
    if (this.points.length === 0)
      throw new VarvError('E_SCENARIO', `store "${store.id}" has no shelf, table or rack to shop from`);
    const inward = (a: Point, b: Point): Point => {
      const mx = (a[0] + b[0]) / 2;
      const my = (a[1] + b[1]) / 2;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      const n: Point = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
      return containsPoint(store.outline, [mx + 0.3 * n[0], my + 0.3 * n[1]]) ? n : [-n[0], -n[1]];
    };
    this.doorsIn = store.entrances
      .filter((e) => e.direction !== 'out')
      .map((e) => ({
        id: e.id,
        a: e.segment[0],
        b: e.segment[1],
        inward: inward(e.segment[0], e.segment[1]),
      }));
    this.doorsOut = store.entrances
      .filter((e) => e.direction !== 'in')
      .map((e) => ({ id: e.id, field: this.nav.toward(`door:${e.id}`, e.segment[0], e.segment[1]) }));
    if (this.doorsIn.length === 0 || this.doorsOut.length === 0)
      throw new VarvError('E_SCENARIO', `store "${store.id}" needs a door to come in by and one to leave by`);
    const xs = store.outline.map((p) => p[0]);
    const ys = store.outline.map((p) => p[1]);
    this.x0 = Math.min(...xs);
    this.y0 = Math.min(...ys);
    const cols = Math.ceil((Math.max(...xs) - this.x0) / TILE_M);
    const rows = Math.ceil((Math.max(...ys) - this.y0) / TILE_M);
    let walkable = 0;
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        let any = false;
        for (let k = 0; k < 16 && !any; k++)
          any = this.nav.walkable(
            this.x0 + (c + ((k % 4) + 0.5) / 4) * TILE_M,
            this.y0 + (r + (Math.floor(k / 4) + 0.5) / 4) * TILE_M,
          );
        if (any) walkable++;
      }
    this.tiles = { cols, walkable };
    for (const e of store.entrances) {
      const mid: Point = [(e.segment[0][0] + e.segment[1][0]) / 2, (e.segment[0][1] + e.segment[1][1]) / 2];
      let best: { camera: string; zone: string; d: number } | undefined;
      for (const cam of store.cameras) {
        if (cam.class !== 'entrance' && cam.class !== 'exit') continue;
        const d = Math.hypot(cam.position[0] - mid[0], cam.position[1] - mid[1]);
        if (d <= cam.range && (!best || d < best.d)) {
          const zone = store.zones.find((z) => containsPoint(z.polygon, cam.position))?.id ?? cam.id;
          best = { camera: cam.id, zone, d };
        }
      }
      if (best) this.counters.set(e.id, { camera: best.camera, zone: best.zone });
    }
  }

  tileOf(x: number, y: number): number {
    return Math.floor((y - this.y0) / TILE_M) * this.tiles.cols + Math.floor((x - this.x0) / TILE_M);
  }

  pointField(p: PickPoint): NavField {
    return this.nav.toward(`pick:${p.id}`, [p.x, p.y], [p.x, p.y], 0.3);
  }
}
