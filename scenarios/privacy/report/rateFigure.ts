import type { Rating, StatedThreshold } from './reportFigure.ts';

/**
 * Rates a figure against a threshold, as the privacy property tests read it: the whole 95% interval
 * within the threshold is green; the point estimate within but the interval reaching past it is
 * amber (at 95% it cannot be told); the point estimate past the threshold is red. For a lower
 * bound ("k at least 5") the same with the interval's low end.
 */
export function rateFigure(
  f: { value: number; low: number; high: number },
  threshold: Pick<StatedThreshold, 'value' | 'bound'>,
): Rating {
  const t = threshold.value;
  if (threshold.bound === 'atMost') {
    if (f.value > t) return 'red';
    return f.high > t ? 'amber' : 'green';
  }
  if (f.value < t) return 'red';
  return f.low < t ? 'amber' : 'green';
}
