import { DEFAULT_ANALYTICS } from '../../engine/analytics/index.ts';
import type { LayoutIssue } from '../../engine/layout/index.ts';
import { isScenarioOp, type VariantOp } from './variantSchema.ts';

type Json = Record<string, unknown>;

/** The privacy settings a scenario without a `privacy` block runs with (the simulator's defaults). */
const DEFAULT_PRIVACY = {
  groups: DEFAULT_ANALYTICS.groups,
  consistency: DEFAULT_ANALYTICS.consistency,
  intervals: [...DEFAULT_ANALYTICS.intervals],
  rotation: 'none',
  k: DEFAULT_ANALYTICS.k,
};

/** A variant's scenario as JSON, and where each entry of its `patch` came from. */
export type ComposedVariant = {
  scenario: Json;
  /** Per entry of `scenario.patch`: the index of the variant's op, or −1 for the baseline's own. */
  patchFrom: number[];
};

/**
 * Writes a variant as a scenario: the baseline's JSON with the variant's layout changes appended
 * to the baseline's own `patch`, and its scenario changes (arrivals, shoppers, staffing, privacy)
 * applied to the blocks they name. `raw` are the variant's ops as written (a `set` merges only the
 * fields it names); `ops` the same ops parsed, to tell their kinds. Pure; the result still needs
 * validating as a scenario.
 */
export function composeVariant(
  baseline: Json,
  raw: readonly Json[],
  ops: readonly VariantOp[],
): ComposedVariant {
  const scenario: Json = structuredClone(baseline);
  const basePatch = Array.isArray(baseline.patch) ? (baseline.patch as unknown[]) : [];
  const patch: unknown[] = structuredClone(basePatch);
  const patchFrom: number[] = basePatch.map(() => -1);
  ops.forEach((op, i) => {
    const r = structuredClone(raw[i] as Json);
    if (!isScenarioOp(op)) {
      patch.push(r);
      patchFrom.push(i);
      return;
    }
    const block = (name: string, fallback: Json = {}): Json =>
      typeof scenario[name] === 'object' && scenario[name] !== null ? (scenario[name] as Json) : fallback;
    switch (op.op) {
      case 'setArrivals':
        scenario.arrivals = { ...block('arrivals'), perMinute: r.perMinute };
        break;
      case 'scaleArrivals': {
        const a = block('arrivals');
        const rates = Array.isArray(a.perMinute) ? (a.perMinute as [string, number][]) : [];
        scenario.arrivals = { ...a, perMinute: rates.map(([t, rate]) => [t, rate * op.factor]) };
        break;
      }
      case 'setShoppers':
        scenario.shoppers = { ...block('shoppers'), ...(r.set as Json) };
        break;
      case 'setStaffing':
        if (r.set === null) delete scenario.staffing;
        else scenario.staffing = { ...block('staffing'), ...(r.set as Json) };
        break;
      case 'setPrivacy':
        scenario.privacy = { ...block('privacy', DEFAULT_PRIVACY), ...(r.set as Json) };
        break;
    }
  });
  scenario.patch = patch;
  return { scenario, patchFrom };
}

/**
 * An issue found in a composed variant, said in the variant's terms: `patch[j]` becomes the
 * variant's own `patch[k]` (or "the baseline's patch[j]"); anything else is the scenario as the
 * variant leaves it.
 */
export function variantIssue(issue: LayoutIssue, patchFrom: readonly number[]): LayoutIssue {
  const m = /^patch\[(\d+)\](.*)$/.exec(issue.path);
  if (m) {
    const from = patchFrom[Number(m[1])];
    if (from !== undefined && from >= 0) return { ...issue, path: `patch[${from}]${m[2]}` };
    return { ...issue, path: `(baseline) ${issue.path}` };
  }
  return { ...issue, path: `(baseline + variant) ${issue.path}` };
}
