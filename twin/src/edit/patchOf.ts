import type { PatchOp } from '../../../engine/layout/schema/patch.ts';
import type { StoreLayout } from '../api.ts';

/**
 * What the planner changed, in the terms of the gestures: per obstacle the whole move (metres,
 * floor x/y) and turn (degrees, counter-clockwise seen from above) from where it stands in the
 * baseline; per till whether it should be open; the loop when redrawn.
 */
export type Edits = {
  moves: Record<string, { dx: number; dy: number; deg: number }>;
  tills: Record<string, boolean>;
  loop: string[] | null;
};

export const NO_EDITS: Edits = { moves: {}, tills: {}, loop: null };

const round = (x: number, step: number) => Math.round(x / step) * step;
/** Degrees folded into (−180, 180]. */
const fold = (d: number) => {
  const x = ((((d + 180) % 360) + 360) % 360) - 180;
  return x === -180 ? 180 : x;
};
const tidy = (x: number) => Number(x.toFixed(2)) + 0;

/**
 * The edits as a `varv.variant/1` patch against the baseline layout, in the baseline's order:
 * each changed obstacle turned about its centre, then moved; tills whose state changed opened or
 * closed; the loop when it differs. Nothing for an edit that ends where it began.
 */
export function patchOf(edits: Edits, base: StoreLayout): PatchOp[] {
  const ops: PatchOp[] = [];
  for (const o of base.obstacles) {
    const m = edits.moves[o.id];
    if (!m) continue;
    const deg = tidy(fold(round(m.deg, 0.5)));
    const by: [number, number] = [tidy(round(m.dx, 0.01)), tidy(round(m.dy, 0.01))];
    if (deg !== 0) ops.push({ op: 'rotateObstacle', id: o.id, degrees: deg });
    if (by[0] !== 0 || by[1] !== 0) ops.push({ op: 'moveObstacle', id: o.id, by });
  }
  for (const t of base.tills) {
    const open = edits.tills[t.id];
    if (open !== undefined && open !== t.open) ops.push({ op: open ? 'openTill' : 'closeTill', id: t.id });
  }
  if (edits.loop && edits.loop.join('\u0000') !== base.loop.join('\u0000'))
    ops.push({ op: 'setLoop', loop: [...edits.loop] });
  return ops;
}
