import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellCentre, storeSchema } from '../../engine/layout/index.ts';
import { descend, Navigation, RandomTree } from '../../scenarios/sim/index.ts';
import { exampleStore } from '../layout/fixtures.ts';

const room = (obstacles: { id: string; kind: 'shelf'; polygon: [number, number][]; height: number }[] = []) =>
  storeSchema.parse({
    format: 'varv.store/1',
    id: 'room',
    name: 'room',
    outline: [
      [0, 0],
      [20, 0],
      [20, 10],
      [0, 10],
    ],
    entrances: [
      {
        id: 'd',
        segment: [
          [0, 4],
          [0, 6],
        ],
        direction: 'both',
      },
    ],
    obstacles,
  });

describe('navigation by fast marching', () => {
  it('in an open room the distance field is the straight-line distance, within a few per cent', () => {
    const nav = new Navigation(room(), 0.25, 0.1);
    const f = nav.toward('p', [2, 5], [2, 5], 0.1);
    const out = new Float64Array(2);
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 19, noNaN: true }),
        fc.double({ min: 1, max: 9, noNaN: true }),
        (x, y) => {
          const straight = Math.hypot(x - 2, y - 5);
          fc.pre(straight > 2);
          const d = descend(f, x, y, out);
          expect(Math.abs(d - straight) / straight).toBeLessThan(0.06);
          // The way down points back at the target.
          const cos = (out[0] as number) * ((2 - x) / straight) + (out[1] as number) * ((5 - y) / straight);
          expect(cos).toBeGreaterThan(0.95);
        },
      ),
      { seed: 3 },
    );
  });

  it('goes round a wall: behind it the walk is longer than the straight line', () => {
    const nav = new Navigation(
      room([
        {
          id: 'wall',
          kind: 'shelf',
          height: 2,
          polygon: [
            [9, 1],
            [10, 1],
            [10, 10],
            [9, 10],
          ],
        },
      ]),
      0.25,
      0.1,
    );
    const f = nav.toward('p', [5, 8], [5, 8], 0.1);
    const out = new Float64Array(2);
    const behind = descend(f, 15, 8, out);
    expect(behind).toBeGreaterThan(Math.hypot(10, 0) + 8);
    // From behind the wall the way first leads down towards the gap at the bottom.
    expect(out[1] as number).toBeLessThan(0);
  });

  it('says so when a target has no walkable floor near it', () => {
    const nav = new Navigation(room(), 0.25, 0.1);
    expect(() => nav.toward('outside', [30, 5])).toThrow(/no walkable floor/);
  });

  it('shares one field per target, and a few hundred targets on the grocery stay small', () => {
    const grocery = storeSchema.parse(exampleStore('scenarios/stores/demo-grocery.json'));
    const nav = new Navigation(grocery);
    const free: number[] = [];
    nav.grid.free.forEach((f, i) => {
      if (f) free.push(i);
    });
    const stride = Math.floor(free.length / 150);
    // 300 requests for 150 targets spread over the floor: each field is made once.
    for (let i = 0; i < 300; i++)
      nav.toward(`t${i % 150}`, cellCentre(nav.grid, free[(i % 150) * stride] as number));
    expect(nav.size).toBe(150);
    // 0.2 m cells: 200 × 150 of them, 4 bytes each per field.
    expect(nav.grid.cols * nav.grid.rows).toBeLessThanOrEqual(200 * 150);
  });
});

describe('random tree', () => {
  it('gives each named stream its own numbers, independent of other streams and of draw order', () => {
    const a = new RandomTree(42);
    const first = Array.from({ length: 5 }, a.stream('agent/1'));
    // Drawing from other streams first changes nothing.
    const b = new RandomTree(42);
    Array.from({ length: 100 }, b.stream('agent/0'));
    Array.from({ length: 7 }, b.stream('arrivals'));
    expect(Array.from({ length: 5 }, b.stream('agent/1'))).toEqual(first);
    expect(Array.from({ length: 5 }, a.stream('agent/2'))).not.toEqual(first);
    expect(Array.from({ length: 5 }, new RandomTree(43).stream('agent/1'))).not.toEqual(first);
    expect(Array.from({ length: 5 }, a.child('agent').stream('1'))).not.toEqual(first);
    expect(Array.from({ length: 5 }, new RandomTree(42).child('agent').stream('1'))).toEqual(
      Array.from({ length: 5 }, a.child('agent').stream('1')),
    );
  });
});
