import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  containsPoint,
  distanceToBoundary,
  goodsKinds,
  loadScenarioFile,
  type Point,
  type StoreLayout,
  storeSchema,
} from '../../engine/layout/index.ts';
import { chiSquareUpperTail, seededRng } from '../../engine/privacy/index.ts';
import {
  drawBasket,
  orderStops,
  type PickPoint,
  pickPoints,
  type Stop,
  shoppingList,
} from '../../scenarios/shopper/index.ts';
import { Navigation } from '../../scenarios/sim/index.ts';
import { rect } from '../layout/fixtures.ts';

/** The floor a shopper can reach from the doors they come in by. */
function reachableNav(store: StoreLayout): Navigation {
  const nav = new Navigation(store);
  nav.reachableFrom(store.entrances.filter((e) => e.direction !== 'out').map((e) => e.segment));
  return nav;
}

const grocery = loadScenarioFile('scenarios/runs/demo-grocery-smoke.json').store;
const groceryNav = reachableNav(grocery);
const groceryPoints = pickPoints(grocery, (x, y) => groceryNav.walkable(x, y));

/**
 * A 20 m × 10 m room with a door on the west wall: a free-standing shelf, a shelf without a
 * category against the north wall, a table shut in by walls, a till counter, and a zone over the
 * west half.
 */
const room = storeSchema.parse({
  format: 'varv.store/1',
  id: 'room',
  name: 'room',
  outline: rect(0, 0, 20, 10),
  entrances: [
    {
      id: 'door',
      segment: [
        [0, 4],
        [0, 6],
      ],
      direction: 'both',
    },
  ],
  obstacles: [
    { id: 'open-shelf', kind: 'shelf', polygon: rect(4, 3, 6, 7), height: 1.8, category: 'dry' },
    { id: 'wall-shelf', kind: 'shelf', polygon: rect(8, 9, 12, 10), height: 1.8 },
    { id: 'pocket-s', kind: 'wall', polygon: rect(14, 2, 19, 2.2), height: 2 },
    { id: 'pocket-n', kind: 'wall', polygon: rect(14, 7.8, 19, 8), height: 2 },
    { id: 'pocket-w', kind: 'wall', polygon: rect(14, 2, 14.2, 8), height: 2 },
    { id: 'pocket-e', kind: 'wall', polygon: rect(18.8, 2, 19, 8), height: 2 },
    { id: 'pocket-table', kind: 'table', polygon: rect(15.5, 4, 17.5, 6), height: 0.9, category: 'promo' },
    { id: 'counter', kind: 'counter', polygon: rect(10, 1, 12, 2), height: 0.9 },
  ],
  zones: [{ id: 'west', class: 'department', polygon: rect(0, 0, 10, 10) }],
});

const onObstacle = (points: readonly PickPoint[], id: string) => points.filter((p) => p.obstacle === id);

describe('pick points', () => {
  it('every goods obstacle of the demo grocery gets some, and nothing else does', () => {
    // The grocery passes the reachability rule, so every goods obstacle has a reachable front.
    const goods = grocery.obstacles.filter((o) => goodsKinds.has(o.kind)).map((o) => o.id);
    expect(goods.length).toBeGreaterThan(20);
    expect(new Set(groceryPoints.map((p) => p.obstacle))).toEqual(new Set(goods));
  });

  it('stand on reachable floor, outside every obstacle, 0.45 m in front of their own', () => {
    for (const p of groceryPoints) {
      expect(groceryNav.walkable(p.x, p.y)).toBe(true);
      for (const o of grocery.obstacles) expect(containsPoint(o.polygon, [p.x, p.y])).toBe(false);
      const own = grocery.obstacles.find((o) => o.id === p.obstacle);
      expect(distanceToBoundary([p.x, p.y], own?.polygon ?? [])).toBeCloseTo(0.45, 6);
    }
  });

  it('have unique ids "<obstacle>#<n>" and the obstacle’s category', () => {
    expect(new Set(groceryPoints.map((p) => p.id)).size).toBe(groceryPoints.length);
    for (const p of groceryPoints) {
      expect(p.id).toMatch(new RegExp(`^${p.obstacle}#\\d+$`));
      expect(p.category).toBe(grocery.obstacles.find((o) => o.id === p.obstacle)?.category);
    }
  });

  it('carry the zone they lie in', () => {
    for (const p of groceryPoints) {
      const zone = grocery.zones.find((z) => containsPoint(z.polygon, [p.x, p.y]));
      expect(p.zone).toBe(zone?.id ?? null);
    }
    // The grocery's zones tile the floor, so every spot has one.
    expect(groceryPoints.every((p) => p.zone !== null)).toBe(true);
  });

  it('go round a free-standing shelf, one every 2 m of edge, on every side', () => {
    const points = onObstacle(
      pickPoints(room, (x, y) => reachableNav(room).walkable(x, y)),
      'open-shelf',
    );
    // 2 m sides: one each; 4 m sides: two each.
    expect(points).toHaveLength(6);
    expect(points.filter((p) => p.x < 4)).toHaveLength(2);
    expect(points.filter((p) => p.x > 6)).toHaveLength(2);
    expect(points.filter((p) => p.y < 3)).toHaveLength(1);
    expect(points.filter((p) => p.y > 7)).toHaveLength(1);
    expect(points.every((p) => p.zone === 'west' && p.category === 'dry')).toBe(true);
  });

  it('are the same spots whichever way the obstacle’s polygon runs', () => {
    const clockwise = storeSchema.parse({
      ...room,
      obstacles: room.obstacles.map((o) =>
        o.id === 'open-shelf' ? { ...o, polygon: [...o.polygon].reverse() } : o,
      ),
    });
    const spots = (s: StoreLayout) =>
      onObstacle(
        pickPoints(s, (x, y) => reachableNav(s).walkable(x, y)),
        'open-shelf',
      )
        .map((p) => `${p.x.toFixed(6)},${p.y.toFixed(6)}`)
        .sort();
    expect(spots(clockwise)).toEqual(spots(room));
  });

  it('are left out behind a wall, in a walled-in pocket and at non-goods obstacles', () => {
    const nav = reachableNav(room);
    const points = pickPoints(room, (x, y) => nav.walkable(x, y));
    const wallShelf = onObstacle(points, 'wall-shelf');
    // Its south side and both ends, none on the side against the north wall.
    expect(wallShelf).toHaveLength(4);
    expect(wallShelf.every((p) => p.y < 10)).toBe(true);
    expect(wallShelf.every((p) => p.category === 'wall-shelf')).toBe(true);
    // Zones: the west half has one, the east half none.
    for (const p of wallShelf) expect(p.zone).toBe(p.x < 10 ? 'west' : null);
    expect(onObstacle(points, 'pocket-table')).toEqual([]);
    expect(onObstacle(points, 'counter')).toEqual([]);
    expect(points.some((p) => p.obstacle.startsWith('pocket-'))).toBe(false);
    // The pocket is floor all the same: only reachability keeps its table out.
    const anyFloor = new Navigation(room);
    expect(
      onObstacle(
        pickPoints(room, (x, y) => anyFloor.walkable(x, y)),
        'pocket-table',
      ),
    ).toHaveLength(4);
  });
});

describe('basket size', () => {
  it('is a whole number of at least one item for any distribution and seed', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.integer(),
        (mu, sigma, scale, seed) => {
          const rng = seededRng(seed);
          for (let i = 0; i < 20; i++) {
            const n = drawBasket({ lognormal: [mu, sigma], scale }, rng);
            expect(Number.isInteger(n)).toBe(true);
            expect(n).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { seed: 5 },
    );
  });

  it('follows lognormal(0.07, 0.76): log(items / scale) has that mean and sd within 4 standard errors', () => {
    // A large scale makes the rounding negligible (under 1% even at −4σ).
    const scale = 1000;
    const n = 20_000;
    const rng = seededRng('basket');
    const logs = Array.from({ length: n }, () =>
      Math.log(drawBasket({ lognormal: [0.07, 0.76], scale }, rng) / scale),
    );
    const mean = logs.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(logs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean - 0.07)).toBeLessThan(4 * (0.76 / Math.sqrt(n)));
    // Standard error of a normal sample's sd: σ / √(2(n − 1)).
    expect(Math.abs(sd - 0.76)).toBeLessThan(4 * (0.76 / Math.sqrt(2 * (n - 1))));
  });
});

describe('shopping list', () => {
  it('holds exactly the basket’s items, at distinct pick points of the store', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer(), (items, seed) => {
        const list = shoppingList(groceryPoints, items, seededRng(seed));
        expect(list.reduce((s, stop) => s + stop.items, 0)).toBe(items);
        expect(new Set(list.map((s) => s.point.id)).size).toBe(list.length);
        for (const s of list) {
          expect(s.items).toBeGreaterThanOrEqual(1);
          expect(groceryPoints).toContain(s.point);
        }
      }),
      { seed: 6, numRuns: 200 },
    );
  });

  it('draws categories in proportion to their pick points (χ² goodness of fit, p > 0.001)', () => {
    const perCategory = new Map<string, number>();
    for (const p of groceryPoints) perCategory.set(p.category, (perCategory.get(p.category) ?? 0) + 1);
    const bought = new Map<string, number>([...perCategory.keys()].map((c) => [c, 0]));
    const rng = seededRng('categories');
    let total = 0;
    for (let i = 0; i < 2000; i++)
      for (const s of shoppingList(groceryPoints, 10, rng)) {
        bought.set(s.point.category, (bought.get(s.point.category) as number) + s.items);
        total += s.items;
      }
    let stat = 0;
    for (const [c, n] of perCategory) {
      const expected = (total * n) / groceryPoints.length;
      stat += ((bought.get(c) as number) - expected) ** 2 / expected;
    }
    // The categories' shelf shares differ (7 to 24 points), so a uniform category draw would fail this.
    expect(chiSquareUpperTail(stat, perCategory.size - 1)).toBeGreaterThan(0.001);
  });
});

describe('stop order', () => {
  const euclid = (from: Point, to: PickPoint) => Math.hypot(to.x - from[0], to.y - from[1]);
  const entry: Point = [37, 0.5];
  const list = (items: number, seed: number) => shoppingList(groceryPoints, items, seededRng(`list-${seed}`));
  const ids = (stops: readonly Stop[]) => stops.map((s) => s.point.id);

  /** True when each stop is the nearest (in a straight line) of those still left, from the one before. */
  function greedy(order: readonly Stop[], from: Point): boolean {
    let here = from;
    for (let i = 0; i < order.length; i++) {
      const s = order[i] as Stop;
      const d = euclid(here, s.point);
      if (order.slice(i + 1).some((t) => euclid(here, t.point) < d)) return false;
      here = [s.point.x, s.point.y];
    }
    return true;
  }

  it('is always a permutation of the list', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (items, seed, loopShare, deviation) => {
          const stops = list(items, seed);
          const { order } = orderStops(
            stops,
            entry,
            { loop: grocery.loop, loopShare, deviation },
            euclid,
            seededRng(seed),
          );
          expect(order).toHaveLength(stops.length);
          expect(ids(order).sort()).toEqual(ids(stops).sort());
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('a loop follower without deviation takes the zones in the loop’s order, those outside it last', () => {
    // Part of the store's loop, backwards: the other zones' stops come after these.
    const loop = ['bakery', 'produce', 'dairy', 'frozen'];
    for (let seed = 0; seed < 50; seed++) {
      const stops = list(25, seed);
      const { order, follower } = orderStops(
        stops,
        entry,
        { loop, loopShare: 1, deviation: 0 },
        euclid,
        seededRng(seed),
      );
      expect(follower).toBe(true);
      const rank = order.map((s) => {
        const i = loop.indexOf(s.point.zone ?? '');
        return i < 0 ? loop.length : i;
      });
      for (let i = 1; i < rank.length; i++) expect(rank[i]).toBeGreaterThanOrEqual(rank[i - 1] as number);
    }
  });

  it('a loop follower walks each zone nearest-next, starting from where the last zone ended', () => {
    const loop = grocery.loop;
    const stops = list(40, 1);
    const { order } = orderStops(stops, entry, { loop, loopShare: 1, deviation: 0 }, euclid, seededRng(1));
    let here = entry;
    for (let i = 0; i < order.length; i++) {
      const s = order[i] as Stop;
      const sameZone = order.slice(i).filter((t) => t.point.zone === s.point.zone);
      const d = euclid(here, s.point);
      for (const t of sameZone) expect(d).toBeLessThanOrEqual(euclid(here, t.point));
      here = [s.point.x, s.point.y];
    }
  });

  it('everyone else goes to the nearest next stop from where they stand', () => {
    for (let seed = 0; seed < 50; seed++) {
      const stops = list(20, seed);
      const { order, follower } = orderStops(
        stops,
        entry,
        { loop: grocery.loop, loopShare: 0, deviation: 0.5 },
        euclid,
        seededRng(seed),
      );
      expect(follower).toBe(false);
      expect(greedy(order, entry)).toBe(true);
    }
  });

  it('never follows an empty loop', () => {
    const { follower, order } = orderStops(
      list(10, 3),
      entry,
      { loop: [], loopShare: 1, deviation: 0 },
      euclid,
      seededRng(3),
    );
    expect(follower).toBe(false);
    expect(greedy(order, entry)).toBe(true);
  });

  it('follows the loop at about the configured share of shoppers', () => {
    const rng = seededRng('share');
    let followers = 0;
    for (let i = 0; i < 2000; i++)
      if (
        orderStops(list(3, i), entry, { loop: grocery.loop, loopShare: 0.7, deviation: 0.15 }, euclid, rng)
          .follower
      )
        followers++;
    // Binomial(2000, 0.7): sd ≈ 20.5; 4 sd either side.
    expect(Math.abs(followers - 1400)).toBeLessThan(82);
  });
});
