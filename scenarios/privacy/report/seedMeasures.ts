import { intervalNames, type Proportion } from '../../../engine/privacy/index.ts';
import { type AttackRisk, linkScopes } from '../../../engine/privacy/risk/index.ts';
import type { PrivacyLabResult } from '../runPrivacyLab.ts';

/** A figure's raw measurement on one seed, in the form its pooling needs. */
export type SeedMeasure =
  | { kind: 'residual'; risk: AttackRisk }
  | { kind: 'proportion'; p: Proportion }
  | { kind: 'bootstrap'; value: number; lo: number; hi: number; n: number }
  | { kind: 'max' | 'mean'; value: number; n: number | null }
  /** The per-class values whose median is the figure (k per occupancy class). */
  | { kind: 'median'; values: number[] };

/**
 * Every figure the lab measured on one seed, by figure id (see figureNames for the ids). Figures
 * the release cannot support (no visits of one person in a scope, no ledger) are left out.
 */
export function seedMeasures(r: PrivacyLabResult): Map<string, SeedMeasure> {
  const a = r.assessment;
  const out = new Map<string, SeedMeasure>();
  out.set('singlingOut', { kind: 'residual', risk: a.singlingOut });
  for (const scope of linkScopes) {
    const l = a.linkability[scope];
    if (l) out.set(`linkability.${scope}`, { kind: 'residual', risk: l });
  }
  for (const [secret, inf] of Object.entries(a.inference))
    if (inf) out.set(`inference.${secret}`, { kind: 'residual', risk: inf });
  for (const scope of linkScopes) {
    const u = a.unlinkability[scope];
    if (!u) continue;
    const n = u.n.mated + u.n.nonMated;
    out.set(`unlinkability.${scope}.one`, {
      kind: 'bootstrap',
      value: u.atOne.dsys,
      lo: u.atOne.lo,
      hi: u.atOne.hi,
      n,
    });
    if (u.atPrior)
      out.set(`unlinkability.${scope}.prior`, {
        kind: 'bootstrap',
        value: u.atPrior.dsys,
        lo: u.atPrior.lo,
        hi: u.atPrior.hi,
        n,
      });
  }
  for (const { interval, posterior } of a.posterior.byInterval)
    if (posterior.n > 0) out.set(`posterior.${interval}`, { kind: 'proportion', p: posterior });
  const o = a.occupancy;
  if (o && o.classes > 0) {
    out.set('occupancy.kMedian', { kind: 'median', values: o.cells.map((c) => c.k) });
    out.set('occupancy.prosecutor', { kind: 'max', value: o.prosecutor.highest, n: o.records });
    out.set('occupancy.journalist', { kind: 'max', value: o.journalist.highest, n: o.records });
    out.set('occupancy.marketer', { kind: 'mean', value: o.marketer.risk, n: o.records });
  }
  for (const { p, unique } of a.unicity.byPoints)
    if (unique.n > 0) out.set(`unicity.p${p}`, { kind: 'proportion', p: unique });
  if (a.chaining.share.n > 0) out.set('chaining.share', { kind: 'proportion', p: a.chaining.share });
  if (a.chaining.profiled.n > 0) out.set('chaining.profiled', { kind: 'proportion', p: a.chaining.profiled });
  if (a.epsilon)
    out.set('epsilon.spent', { kind: 'mean', value: a.epsilon.spent, n: a.epsilon.releases.length });
  return out;
}

/** The order figures are listed in: attack risks first, then the measures. */
export const FIGURE_ORDER: readonly string[] = [
  'singlingOut',
  'inference.gender',
  'inference.age',
  'inference.frequency',
  ...linkScopes.map((s) => `linkability.${s}`),
  ...linkScopes.flatMap((s) => [`unlinkability.${s}.one`, `unlinkability.${s}.prior`]),
  ...intervalNames.map((i) => `posterior.${i}`),
  'occupancy.kMedian',
  'occupancy.prosecutor',
  'occupancy.journalist',
  'occupancy.marketer',
  ...[1, 2, 3, 4, 5].map((p) => `unicity.p${p}`),
  'chaining.share',
  'chaining.profiled',
  'epsilon.spent',
];
