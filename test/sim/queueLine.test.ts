import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Point } from '../../engine/layout/index.ts';
import { QUEUE_SPACING, queueSlots } from '../../scenarios/sim/index.ts';

const anywhere = () => true;

/**
 * The spot `s` metres along a polyline, and on past its end in the last segment's direction
 * (the reference the slots are checked against).
 */
function along(line: readonly Point[], s: number): Point {
  let left = s;
  for (let i = 0; i + 1 < line.length; i++) {
    const [a, b] = [line[i] as Point, line[i + 1] as Point];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (left <= len || i + 2 === line.length) {
      const f = left / len;
      return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])];
    }
    left -= len;
  }
  throw new Error('a line needs two points');
}

function expectNear(p: Point | undefined, q: Point, digits = 9) {
  expect(p?.[0]).toBeCloseTo(q[0], digits);
  expect(p?.[1]).toBeCloseTo(q[1], digits);
}

describe('queue slots', () => {
  it('start at the line’s first point and follow it QUEUE_SPACING apart', () => {
    const line: Point[] = [
      [15, 3],
      [15, 6],
    ];
    const slots = queueSlots(line, anywhere);
    expect(slots[0]).toEqual([15, 3]);
    expect(QUEUE_SPACING).toBe(0.65);
    for (let k = 1; k < 4; k++) expectNear(slots[k], [15, 3 + k * QUEUE_SPACING]);
  });

  it('keep their spacing measured along the line round a bend', () => {
    const line: Point[] = [
      [0, 0],
      [0, 1],
      [4, 1],
    ];
    const slots = queueSlots(line, anywhere, 0.65, 6);
    expect(slots).toHaveLength(6);
    // 0, 0.65 up the first leg; 1.3 is 0.3 into the second leg, then 0.95, 1.6, 2.25.
    expectNear(slots[1], [0, 0.65]);
    expectNear(slots[2], [0.3, 1]);
    expectNear(slots[5], [2.25, 1]);
    // The straight step across the corner is shorter than the spacing.
    const [p, q] = [slots[1] as Point, slots[2] as Point];
    expect(Math.hypot(q[0] - p[0], q[1] - p[1])).toBeLessThan(0.65);
  });

  it('skip legs shorter than the spacing without losing distance', () => {
    const line: Point[] = [
      [0, 0],
      [0, 0.5],
      [0.2, 0.5],
      [0.2, 0.6],
      [5, 0.6],
    ];
    const slots = queueSlots(line, anywhere, 0.65, 5);
    // 0.65 along: 0.5 up, 0.15 across.
    expectNear(slots[1], [0.15, 0.5]);
    // 1.3 along: 0.5 + 0.2 + 0.1 to the last leg (two short legs crossed in one step), then 0.5 along it.
    expectNear(slots[2], [0.7, 0.6]);
  });

  it('go on past the line’s end in the last leg’s direction while the floor allows', () => {
    const line: Point[] = [
      [0, 0],
      [0, 1],
      [1, 1],
    ];
    const slots = queueSlots(line, anywhere, 0.5, 10);
    expect(slots).toHaveLength(10);
    // 4.5 m along a 2 m line: 2.5 m past its end, heading +x.
    expectNear(slots[9], [3.5, 1]);
  });

  it('stop at the first spot that is not walkable, even if the floor goes on after it', () => {
    const line: Point[] = [
      [0, 0],
      [10, 0],
    ];
    const blocked = (x: number) => x > 2 && x < 3;
    const slots = queueSlots(line, (x) => !blocked(x), 0.65, 40);
    // 0, 0.65, 1.3, 1.95; 2.6 is blocked, and nothing after it counts.
    expect(slots).toHaveLength(4);
    expect(slots.every(([x]) => x <= 2)).toBe(true);
  });

  it('keep one slot at the till when even the first spot is not walkable', () => {
    const line: Point[] = [
      [2, 2],
      [2, 8],
    ];
    expect(queueSlots(line, () => false)).toEqual([[2, 2]]);
  });

  it('for any line, lie along it and past it, spaced evenly, walkable, never more than max', () => {
    const leg = fc.tuple(
      fc.double({ min: -5, max: 5, noNaN: true }),
      fc.double({ min: -5, max: 5, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc
          .array(leg, { minLength: 1, maxLength: 5 })
          .filter((legs) => legs.every(([dx, dy]) => Math.hypot(dx, dy) > 0.05)),
        fc.double({ min: 0.3, max: 1.5, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 2, max: 40, noNaN: true }),
        (legs, spacing, max, radius) => {
          const line: Point[] = [[0, 0]];
          for (const [dx, dy] of legs) {
            const [x, y] = line[line.length - 1] as Point;
            line.push([x + dx, y + dy]);
          }
          // The floor: a disc round the till; the slots stop where they leave it.
          const walkable = (x: number, y: number) => Math.hypot(x, y) <= radius;
          const slots = queueSlots(line, walkable, spacing, max);
          expect(slots.length).toBeGreaterThanOrEqual(1);
          expect(slots.length).toBeLessThanOrEqual(max);
          slots.forEach((p, k) => {
            expectNear(p, along(line, k * spacing), 6);
            expect(walkable(p[0], p[1])).toBe(true);
          });
          // Fewer than max only because the next spot is off the floor.
          if (slots.length < max) {
            const [x, y] = along(line, slots.length * spacing);
            expect(walkable(x, y)).toBe(false);
          }
        },
      ),
      { seed: 9 },
    );
  });
});
