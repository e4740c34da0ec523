import { linkScopes } from '../../../engine/privacy/risk/index.ts';
import type { PrivacyLabConfig } from '../labConfig.ts';
import type { PrivacyLabResult } from '../runPrivacyLab.ts';
import { type ExplainContext, explainFigure } from './explainFigure.ts';
import { figureName } from './figureName.ts';
import { figureThreshold } from './figureThreshold.ts';
import { formatFigure } from './formatFigure.ts';
import { poolMeasure } from './poolMeasure.ts';
import { poolResidual } from './poolResidual.ts';
import { rateFigure } from './rateFigure.ts';
import type { ReportFigure } from './reportFigure.ts';
import { FIGURE_ORDER, type SeedMeasure, seedMeasures } from './seedMeasures.ts';

/** A figure the release could not support, and why. */
export type UnmeasuredFigure = { id: string; name: string; reason: string };

/**
 * Every figure of the lab's runs (one per seed) pooled over the seeds, named, explained, and rated
 * against its default threshold, with the configuration's own tolerance beside it where stated.
 */
export function reportFigures(
  runs: readonly PrivacyLabResult[],
  config: Pick<PrivacyLabConfig, 'thresholds' | 'budget' | 'scenarios' | 'bucketMs'>,
): { figures: ReportFigure[]; unmeasured: UnmeasuredFigure[]; context: ExplainContext } {
  const perSeed = runs.map((r) => ({ seed: r.seed, measures: seedMeasures(r) }));
  const first = runs[0]?.assessment;
  const omega = Object.fromEntries(linkScopes.map((s) => [s, first?.unlinkability[s]?.omega ?? null]));
  const context: ExplainContext = {
    seeds: runs.length,
    control: {},
    occupancy: occupancyContext(runs),
    bucketMinutes: config.bucketMs / 60_000,
    epsilon: first?.epsilon ? { budget: first.epsilon.budget, bound: first.epsilon.bound } : null,
  };
  const figures: ReportFigure[] = [];
  const unmeasured: UnmeasuredFigure[] = [];
  for (const id of FIGURE_ORDER) {
    const measures = perSeed.flatMap(({ seed, measures }) => {
      const m = measures.get(id);
      return m ? [{ seed, m }] : [];
    });
    const { name, unit, section } = figureName(id, { omega });
    if (!measures.length) {
      unmeasured.push({ id, name, reason: unmeasuredReason(id) });
      continue;
    }
    const pooled = poolMeasure(measures);
    if (!Number.isFinite(pooled.value)) {
      unmeasured.push({ id, name, reason: 'no attack could be made on this release' });
      continue;
    }
    if (measures[0]?.m.kind === 'residual')
      context.control[id] = poolResidual(
        measures.map(({ m }) => (m as Extract<SeedMeasure, { kind: 'residual' }>).risk),
      ).control.p;
    const { threshold, configured } = figureThreshold(id, config);
    const rating = rateFigure(pooled, threshold);
    const accepted = configured
      ? {
          threshold: configured.value,
          rating: rateFigure(pooled, { value: configured.value, bound: threshold.bound }),
          source: configured.source,
        }
      : null;
    const fig: ReportFigure = {
      id,
      section,
      name,
      ...pooled,
      unit,
      threshold: threshold.value,
      bound: threshold.bound,
      thresholdSource: threshold.source,
      rating,
      accepted,
      explanation: '',
    };
    if (accepted)
      fig.note = `accepted by configuration: ${formatFigure(accepted.threshold)} (${accepted.rating} against it)`;
    fig.explanation = explainFigure(fig, context);
    figures.push(fig);
  }
  return { figures, unmeasured, context };
}

function unmeasuredReason(id: string): string {
  if (id.startsWith('linkability.') || id.startsWith('unlinkability.')) {
    const scope = id.split('.')[1];
    if (scope === 'epochs') return 'the keys never rotate within the period (one key epoch)';
    if (scope === 'stores') return 'one store only';
    if (scope === 'interval') return 'no person came twice in one part of the day under one key';
    return 'no person has two visits in this scope';
  }
  if (id === 'epsilon.spent') return 'no noisy release configured (epsilon)';
  if (id.startsWith('posterior.'))
    return 'no two visits share a group key on different days in this part of the day';
  return 'not measurable on this release';
}

function occupancyContext(runs: readonly PrivacyLabResult[]): ExplainContext['occupancy'] {
  const occ = runs.map((r) => r.assessment.occupancy).filter((o) => o !== null);
  if (!occ.length) return null;
  let below = 0;
  let classes = 0;
  for (const o of occ) {
    classes += o.cells.length;
    for (const c of o.cells) if (c.k < 5) below++;
  }
  return {
    shareBelowK: classes ? below / classes : 0,
    recordsAtRisk: occ.reduce((s, o) => s + o.prosecutor.recordsAtRisk, 0) / occ.length,
    population: occ[0]?.journalist.population ?? 'release',
  };
}
