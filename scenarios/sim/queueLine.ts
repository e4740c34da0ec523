import type { Point } from '../../engine/layout/index.ts';

/** Metres between people standing in a till's line. */
export const QUEUE_SPACING = 0.65;

/**
 * Where the people in a till's line stand: slot 0 at the line's first point (next to the till),
 * then every `spacing` metres along the polyline and on past its end in the last segment's
 * direction while `walkable` allows, up to `max` slots. A longer line bunches up at the last slot.
 */
export function queueSlots(
  line: readonly Point[],
  walkable: (x: number, y: number) => boolean,
  spacing = QUEUE_SPACING,
  max = 40,
): Point[] {
  const slots: Point[] = [];
  let seg = 0;
  let along = 0;
  let a = line[0] as Point;
  let b = line[1] as Point;
  for (let k = 0; k < max; k++) {
    let len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    while (along > len && seg + 2 < line.length) {
      along -= len;
      seg++;
      a = line[seg] as Point;
      b = line[seg + 1] as Point;
      len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    }
    const f = len > 0 ? along / len : 0;
    const p: Point = [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])];
    if (!walkable(p[0], p[1])) {
      if (slots.length === 0) slots.push(line[0] as Point);
      break;
    }
    slots.push(p);
    along += spacing;
  }
  return slots;
}
