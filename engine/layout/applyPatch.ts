import { centroid, rotatePolygon, translatePolygon } from './geometry/polygon.ts';
import type { LayoutIssue } from './issues.ts';
import type { PatchOp } from './schema/patch.ts';
import type { StoreLayout } from './schema/store.ts';

/**
 * Applies what-if changes to a layout, returning a new layout (the input is not touched) and an
 * issue for each change that names something the layout does not have. The result still needs
 * `checkParsedStore`: a moved shelf may now overlap another.
 */
export function applyPatch(
  store: StoreLayout,
  ops: readonly PatchOp[],
): { store: StoreLayout; issues: LayoutIssue[] } {
  const s: StoreLayout = structuredClone(store);
  const issues: LayoutIssue[] = [];
  ops.forEach((op, i) => {
    const missing = (kind: string, id: string) =>
      issues.push({ path: `patch[${i}].id`, rule: 'known-id', message: `no ${kind} "${id}" to ${op.op}` });
    const find = <T extends { id: string }>(list: T[], kind: string, id: string): number => {
      const at = list.findIndex((x) => x.id === id);
      if (at < 0) missing(kind, id);
      return at;
    };
    switch (op.op) {
      case 'moveObstacle': {
        const o = s.obstacles[find(s.obstacles, 'obstacle', op.id)];
        if (o) o.polygon = translatePolygon(o.polygon, op.by);
        break;
      }
      case 'rotateObstacle': {
        const o = s.obstacles[find(s.obstacles, 'obstacle', op.id)];
        if (o) o.polygon = rotatePolygon(o.polygon, op.degrees, op.about ?? centroid(o.polygon));
        break;
      }
      case 'addObstacle':
        s.obstacles.push(structuredClone(op.obstacle));
        break;
      case 'removeObstacle': {
        const at = find(s.obstacles, 'obstacle', op.id);
        if (at >= 0) s.obstacles.splice(at, 1);
        break;
      }
      case 'openTill':
      case 'closeTill': {
        const t = s.tills[find(s.tills, 'till', op.id)];
        if (t) t.open = op.op === 'openTill';
        break;
      }
      case 'addTill':
        s.tills.push(structuredClone(op.till));
        break;
      case 'removeTill': {
        const at = find(s.tills, 'till', op.id);
        if (at >= 0) s.tills.splice(at, 1);
        break;
      }
      case 'setLoop':
        s.loop = [...op.loop];
        break;
      case 'addCamera':
        s.cameras.push(structuredClone(op.camera));
        break;
      case 'removeCamera': {
        const at = find(s.cameras, 'camera', op.id);
        if (at >= 0) s.cameras.splice(at, 1);
        break;
      }
      case 'updateCamera': {
        const at = find(s.cameras, 'camera', op.id);
        const c = s.cameras[at];
        if (c) s.cameras[at] = { ...c, ...structuredClone(op.set) };
        break;
      }
    }
  });
  return { store: s, issues };
}
