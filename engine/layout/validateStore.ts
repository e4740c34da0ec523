import { checkStore } from './checkStore.ts';
import { simplePolygonProblem } from './geometry/polygon.ts';
import { type Checked, issuesFromZod } from './issues.ts';
import { checkReachability } from './reachability.ts';
import { type StoreLayout, storeSchema } from './schema/store.ts';

/**
 * Checks a parsed JSON value against `varv.store/1`: its shape, then the semantic rules, then
 * that the floor is connected. Never throws on bad input; every issue found is returned.
 */
export function validateStore(input: unknown): Checked<StoreLayout> {
  const parsed = storeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  return checkParsedStore(parsed.data);
}

/** The semantic and connectivity rules for a layout whose shape is already known to be right. */
export function checkParsedStore(store: StoreLayout): Checked<StoreLayout> {
  const issues = checkStore(store);
  if (!simplePolygonProblem(store.outline) && !issues.some((i) => i.rule === 'too-large')) {
    issues.push(...checkReachability(store).issues);
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: store };
}
