import { ARX_THRESHOLDS } from '../../../engine/privacy/risk/index.ts';
import { defaultPrivacy, type PrivacyLabConfig } from '../labConfig.ts';
import { DEFAULT_THRESHOLDS, type PropertyThresholds } from '../propertyThresholds.ts';
import type { StatedThreshold } from './reportFigure.ts';

/** The default ε budget a report rates the ledger against when nothing else is stated. */
export const DEFAULT_EPSILON_BUDGET = 1;
/** The k-threshold the privacy core applies by default (DESIGN §4). */
export const DEFAULT_K = 5;

const ONE_OF_K = `1/k = ${DEFAULT_THRESHOLDS.singlingOut} for the default k-threshold k = ${DEFAULT_K}: the attacker does no better than picking one of k people`;
const UNLINKABLE = `${DEFAULT_THRESHOLDS.separationIntervals}: practically unlinkable (D↔sys is 0 for unrelated groups; the margin is estimation error)`;

/** Which of the configuration's property thresholds a figure is checked against, if any. */
function propertyKey(id: string): keyof PropertyThresholds | null {
  if (id === 'singlingOut') return 'singlingOut';
  if (id === 'linkability.interval') return 'linkAcrossDays';
  if (id.startsWith('inference.')) return 'inference';
  if (id.startsWith('unlinkability.intervals.')) return 'separationIntervals';
  if (id.startsWith('unlinkability.epochs.')) return 'separationEpochs';
  if (id.startsWith('unlinkability.stores.')) return 'separationStores';
  if (id.startsWith('posterior.')) return 'posterior';
  if (id === 'chaining.share') return 'profileShare';
  return null;
}

/**
 * A figure's default threshold (what the report rates against, always) and the configuration's own
 * stated tolerance for it where that differs from the default (shown beside, never instead).
 */
export function figureThreshold(
  id: string,
  config: Pick<PrivacyLabConfig, 'thresholds' | 'budget' | 'scenarios'>,
): { threshold: StatedThreshold; configured: { value: number; source: string } | null } {
  const key = propertyKey(id);
  if (key) {
    const value = DEFAULT_THRESHOLDS[key];
    const own = config.thresholds[key];
    const source =
      key === 'posterior'
        ? `${value}: a shared group is not evidence that two visits are one person more often than not`
        : key.startsWith('separation')
          ? UNLINKABLE
          : ONE_OF_K;
    return {
      threshold: { value, bound: 'atMost', source },
      configured: own !== value ? { value: own, source: `the configuration's thresholds.${key}` } : null,
    };
  }
  if (id.startsWith('unlinkability.'))
    return {
      threshold: { value: DEFAULT_THRESHOLDS.separationIntervals, bound: 'atMost', source: UNLINKABLE },
      configured: null,
    };
  if (id === 'occupancy.prosecutor' || id === 'occupancy.journalist' || id === 'occupancy.marketer') {
    const model = id.slice('occupancy.'.length) as keyof typeof ARX_THRESHOLDS;
    return {
      threshold: {
        value: ARX_THRESHOLDS[model],
        bound: 'atMost',
        source: `ARX's default for the ${model} model`,
      },
      configured: null,
    };
  }
  if (id === 'occupancy.kMedian') {
    const ks = config.scenarios.map((sc) => defaultPrivacy(sc).k);
    const own = Math.max(...ks);
    return {
      threshold: {
        value: DEFAULT_K,
        bound: 'atLeast',
        source: `the default k-threshold k = ${DEFAULT_K}: a typical group holds at least k people`,
      },
      configured: own !== DEFAULT_K ? { value: own, source: "the configuration's k-threshold" } : null,
    };
  }
  if (id === 'epsilon.spent')
    return {
      threshold: {
        value: DEFAULT_EPSILON_BUDGET,
        bound: 'atMost',
        source: `ε ≤ ${DEFAULT_EPSILON_BUDGET} over the period: the usual reading of strong differential privacy (e^ε ≈ 2.7)`,
      },
      configured:
        config.budget !== null && config.budget !== DEFAULT_EPSILON_BUDGET
          ? { value: config.budget, source: "the configuration's ε budget" }
          : null,
    };
  // Linkability in other scopes, unicity, chaining: attack risks, 1/k.
  return {
    threshold: { value: DEFAULT_THRESHOLDS.singlingOut, bound: 'atMost', source: ONE_OF_K },
    configured: null,
  };
}
