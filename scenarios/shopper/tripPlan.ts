import {
  containsPoint,
  goodsKinds,
  type Point,
  type StoreLayout,
  signedArea,
} from '../../engine/layout/index.ts';
import { gaussian, type Rng } from '../../engine/privacy/index.ts';

/** A spot in front of a shelf, table or rack where a shopper stands to take goods. */
export type PickPoint = {
  /** "<obstacle>#<n>", unique in the store. */
  id: string;
  obstacle: string;
  category: string;
  x: number;
  y: number;
  /** The zone the spot lies in, if any. */
  zone: string | null;
};

/**
 * The pick points of a store: along every edge of every goods obstacle, one every `spacing`
 * metres, `offset` metres out from the edge, kept where `walkable` says a shopper can stand.
 * Goods without a category count as the obstacle's own category.
 */
export function pickPoints(
  store: Pick<StoreLayout, 'obstacles' | 'zones'>,
  walkable: (x: number, y: number) => boolean,
  spacing = 2,
  offset = 0.45,
): PickPoint[] {
  const out: PickPoint[] = [];
  for (const o of store.obstacles) {
    if (!goodsKinds.has(o.kind)) continue;
    const poly = o.polygon;
    // Outward normal of edge (dx, dy): (dy, −dx) for a counter-clockwise polygon.
    const turn = signedArea(poly) >= 0 ? 1 : -1;
    let n = 0;
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i] as Point;
      const b = poly[(i + 1) % poly.length] as Point;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len < 1e-9) continue;
      const nx = (turn * (b[1] - a[1])) / len;
      const ny = (turn * -(b[0] - a[0])) / len;
      const count = Math.max(1, Math.round(len / spacing));
      for (let k = 0; k < count; k++) {
        const f = (k + 0.5) / count;
        const x = a[0] + f * (b[0] - a[0]) + offset * nx;
        const y = a[1] + f * (b[1] - a[1]) + offset * ny;
        if (!walkable(x, y)) continue;
        const zone = store.zones.find((z) => containsPoint(z.polygon, [x, y]))?.id ?? null;
        out.push({ id: `${o.id}#${n++}`, obstacle: o.id, category: o.category ?? o.id, x, y, zone });
      }
    }
  }
  return out;
}

/** Items bought on one visit: round(scale × lognormal(μ, σ)), at least 1. */
export function drawBasket(
  basket: { lognormal: readonly [number, number]; scale: number },
  rng: Rng,
): number {
  const [mu, sigma] = basket.lognormal;
  return Math.max(1, Math.round(basket.scale * Math.exp(mu + sigma * gaussian(rng))));
}

/** A shopping list: the pick points to visit (one per distinct spot), with the items taken at each. */
export type Stop = { point: PickPoint; items: number };

/**
 * Ties each item to a category (weighted by how much shelf the category has, i.e. its pick points)
 * and a spot within it; items on the same spot make one stop.
 */
export function shoppingList(points: readonly PickPoint[], items: number, rng: Rng): Stop[] {
  if (points.length === 0) return [];
  const byCategory = new Map<string, PickPoint[]>();
  for (const p of points) {
    const list = byCategory.get(p.category);
    if (list) list.push(p);
    else byCategory.set(p.category, [p]);
  }
  const categories = [...byCategory.values()];
  const stops = new Map<string, Stop>();
  for (let i = 0; i < items; i++) {
    // Category by shelf share, then a spot in it: the same as a uniform spot, drawn in two steps
    // so that the category is an explicit choice.
    let u = rng() * points.length;
    let cat = categories[0] as PickPoint[];
    for (const c of categories) {
      cat = c;
      if (u < c.length) break;
      u -= c.length;
    }
    const p = cat[Math.floor(rng() * cat.length)] as PickPoint;
    const s = stops.get(p.id);
    if (s) s.items++;
    else stops.set(p.id, { point: p, items: 1 });
  }
  return [...stops.values()];
}

export type RouteChoice = {
  /** Zone ids in the planned loop's order. */
  loop: readonly string[];
  /** P(following the loop); otherwise nearest next. */
  loopShare: number;
  /** Share of a loop follower's stops that are taken out of order. */
  deviation: number;
};

/**
 * Orders a shopping list. A loop follower takes the stops zone by zone in the loop's order
 * (nearest next within a zone, stops outside the loop's zones last), then moves each stop, with
 * probability `deviation`, to a random place; everyone else goes to the nearest next stop by
 * walking distance from where they stand. `walk(from, to)` is the walking distance (m).
 */
export function orderStops(
  stops: readonly Stop[],
  start: Point,
  choice: RouteChoice,
  walk: (from: Point, to: PickPoint) => number,
  rng: Rng,
): { order: Stop[]; follower: boolean } {
  const follower = choice.loop.length > 0 && rng() < choice.loopShare;
  const nearestChain = (pool: Stop[], from: Point): Stop[] => {
    const left = [...pool];
    const out: Stop[] = [];
    let here = from;
    while (left.length) {
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      left.forEach((s, i) => {
        const d = walk(here, s.point);
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      const s = left.splice(best, 1)[0] as Stop;
      out.push(s);
      here = [s.point.x, s.point.y];
    }
    return out;
  };
  if (!follower) return { order: nearestChain([...stops], start), follower };
  const rank = (s: Stop) => {
    const i = s.point.zone === null ? -1 : choice.loop.indexOf(s.point.zone);
    return i < 0 ? choice.loop.length : i;
  };
  const order: Stop[] = [];
  let here = start;
  const ranks = [...new Set(stops.map(rank))].sort((a, b) => a - b);
  for (const r of ranks) {
    const part = nearestChain(
      stops.filter((s) => rank(s) === r),
      here,
    );
    order.push(...part);
    const last = part[part.length - 1] as Stop;
    here = [last.point.x, last.point.y];
  }
  for (let i = 0; i < order.length; i++) {
    if (rng() >= choice.deviation) continue;
    const [s] = order.splice(i, 1) as [Stop];
    order.splice(Math.floor(rng() * (order.length + 1)), 0, s);
  }
  return { order, follower };
}
