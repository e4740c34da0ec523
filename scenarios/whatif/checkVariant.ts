import {
  applyPatch,
  issuesFromZod,
  type LayoutIssue,
  type PatchOp,
  type StoreLayout,
  type StoreLoader,
  validateScenario,
} from '../../engine/layout/index.ts';
import type { WhatIfCheck, WhatIfIssue } from '../../engine/server/whatIf.ts';
import { composeVariant, variantIssue } from './composeVariant.ts';
import { isScenarioOp, VARIANT_FORMAT, type VariantOp, variantSchema } from './variantSchema.ts';

type Json = Record<string, unknown>;

/** A baseline as checkVariant reads it: its JSON, how its store loads, and its store as resolved. */
export type VariantBase = { raw: Json; load: StoreLoader; store: StoreLayout };

const LISTS = {
  obstacles: 'obstacle',
  tills: 'till',
  zones: 'zone',
  objects: 'object',
  cameras: 'camera',
  entrances: 'entrance',
  staffPosts: 'staffPost',
} as const;

/**
 * Checks a variant's patch against a baseline as `varv whatif` would (the ops' shapes, then the
 * composed scenario: the patched layout's rules and reachability, the store day's own rules), and
 * says which element of the patched layout each issue is about (`obstacles[3]` → its id), plus the
 * other elements its message names ("overlaps obstacle "gondola-2"") in `mentions`, so that the
 * twin can mark them all. Pure but for the store loader.
 */
export function checkVariant(base: VariantBase, patch: unknown): WhatIfCheck {
  if (!Array.isArray(patch))
    return finish(
      [{ path: 'patch', rule: 'type', message: 'expected a list of patch operations' }],
      base.store,
    );
  const parsed = variantSchema.safeParse({ format: VARIANT_FORMAT, patch });
  if (!parsed.success) return finish(issuesFromZod(parsed.error), base.store);
  const ops: VariantOp[] = parsed.data.patch;
  const composed = composeVariant(base.raw, patch as Json[], ops);
  const r = validateScenario(composed.scenario, base.load);
  if (r.ok) return { ok: true, issues: [] };
  const layoutOps = ops.filter((op): op is PatchOp => !isScenarioOp(op));
  const patched = applyPatch(base.store, layoutOps).store;
  return finish(
    r.issues.map((i) => variantIssue(i, composed.patchFrom)),
    patched,
  );
}

function finish(issues: LayoutIssue[], store: StoreLayout): WhatIfCheck {
  const ids = new Set(
    Object.keys(LISTS).flatMap((list) =>
      (store[list as keyof typeof LISTS] as { id: string }[]).map((x) => x.id),
    ),
  );
  const out = issues.map((i) => {
    const issue: WhatIfIssue = { path: i.path, rule: i.rule, message: i.message };
    const m = /(?:^|\.)(obstacles|tills|zones|objects|cameras|entrances|staffPosts)\[(\d+)\]/.exec(i.path);
    const p = /^patch\[(\d+)\]/.exec(i.path);
    if (m) {
      const list = m[1] as keyof typeof LISTS;
      const el = (store[list] as { id: string }[])[Number(m[2])];
      if (el) issue.element = { kind: LISTS[list], id: el.id };
    } else if (p) issue.element = { kind: 'patch', id: p[1] as string };
    return issue;
  });
  for (const i of out) {
    const named = [...i.message.matchAll(/"([^"]+)"/g)]
      .map((x) => x[1] as string)
      .filter((id) => ids.has(id));
    if (named.length) i.mentions = [...new Set(named)];
  }
  return { ok: out.length === 0, issues: out };
}
