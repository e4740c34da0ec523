import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  area,
  centroid,
  type PatchOp,
  type StoreLayout,
  storeSchema,
} from '../../engine/layout/index.ts';
import { miniStore } from './fixtures.ts';

const store = (): StoreLayout => storeSchema.parse(miniStore());

describe('applyPatch', () => {
  it('leaves its input untouched', () => {
    const s = store();
    const before = structuredClone(s);
    applyPatch(s, [
      { op: 'moveObstacle', id: 'shelf-1', by: [1, 0] },
      { op: 'closeTill', id: 'till-1' },
      { op: 'setLoop', loop: ['back'] },
    ]);
    expect(s).toEqual(before);
  });

  it('moves, rotates, adds and removes obstacles', () => {
    const { store: s, issues } = applyPatch(store(), [
      { op: 'moveObstacle', id: 'shelf-1', by: [0.5, -1] },
      { op: 'rotateObstacle', id: 'shelf-2', degrees: 90 },
      {
        op: 'addObstacle',
        obstacle: {
          id: 'table-1',
          kind: 'table',
          polygon: [
            [11, 8],
            [12, 8],
            [12, 9],
          ],
          height: 0.9,
        },
      },
      { op: 'removeObstacle', id: 'counter-1' },
    ]);
    expect(issues).toEqual([]);
    expect(s.obstacles.map((o) => o.id)).toEqual(['shelf-1', 'shelf-2', 'table-1']);
    expect(s.obstacles[0]?.polygon[0]).toEqual([3.5, 3]);
    const shelf2 = s.obstacles[1]?.polygon ?? [];
    expect(centroid(shelf2)[0]).toBeCloseTo(7.5);
    expect(centroid(shelf2)[1]).toBeCloseTo(6.5);
    // A 1 m × 5 m shelf turned a quarter is 5 m × 1 m.
    const xs = shelf2.map((p) => p[0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(5);
  });

  it('opens, closes, adds and removes tills; edits cameras and the loop', () => {
    const base = store();
    const till = { ...(base.tills[0] as StoreLayout['tills'][number]), id: 'till-2', open: false };
    const { store: s } = applyPatch(base, [
      { op: 'closeTill', id: 'till-1' },
      { op: 'addTill', till },
      { op: 'openTill', id: 'till-2' },
      { op: 'updateCamera', id: 'cam-1', set: { yaw: 45, range: 5 } },
      { op: 'addCamera', camera: { ...(base.cameras[0] as StoreLayout['cameras'][number]), id: 'cam-2' } },
      { op: 'removeCamera', id: 'cam-1' },
      { op: 'setLoop', loop: ['back', 'front'] },
    ]);
    expect(s.tills.map((t) => [t.id, t.open])).toEqual([
      ['till-1', false],
      ['till-2', true],
    ]);
    expect(s.cameras.map((c) => c.id)).toEqual(['cam-2']);
    expect(s.loop).toEqual(['back', 'front']);
    const edited = applyPatch(base, [{ op: 'updateCamera', id: 'cam-1', set: { yaw: 45, range: 5 } }]).store
      .cameras[0];
    expect(edited).toMatchObject({ id: 'cam-1', yaw: 45, range: 5, hfov: 90 });
  });

  it('names each change whose target does not exist', () => {
    const { issues } = applyPatch(store(), [
      { op: 'openTill', id: 'till-1' },
      { op: 'removeTill', id: 'till-7' },
      { op: 'removeCamera', id: 'cam-9' },
    ]);
    expect(issues).toEqual([
      { path: 'patch[1].id', rule: 'known-id', message: 'no till "till-7" to removeTill' },
      { path: 'patch[2].id', rule: 'known-id', message: 'no camera "cam-9" to removeCamera' },
    ]);
  });

  it('moving by v then by −v, or turning by θ then −θ, gives the layout back', () => {
    const coord = fc.double({ min: -50, max: 50, noNaN: true });
    fc.assert(
      fc.property(
        fc.constantFrom('shelf-1', 'shelf-2', 'counter-1'),
        coord,
        coord,
        fc.double({ min: -720, max: 720, noNaN: true }),
        (id, dx, dy, deg) => {
          const base = store();
          const ops: PatchOp[] = [
            { op: 'moveObstacle', id, by: [dx, dy] },
            { op: 'moveObstacle', id, by: [-dx, -dy] },
            { op: 'rotateObstacle', id, degrees: deg, about: [5, 5] },
            { op: 'rotateObstacle', id, degrees: -deg, about: [5, 5] },
          ];
          const after = applyPatch(base, ops).store.obstacles.find((o) => o.id === id);
          const before = base.obstacles.find((o) => o.id === id);
          after?.polygon.forEach((p, i) => {
            expect(p[0]).toBeCloseTo(before?.polygon[i]?.[0] as number, 6);
            expect(p[1]).toBeCloseTo(before?.polygon[i]?.[1] as number, 6);
          });
          expect(area(after?.polygon ?? [])).toBeCloseTo(area(before?.polygon ?? []), 6);
        },
      ),
    );
  });
});
