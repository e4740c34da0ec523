import type { ReportFigure } from '../../../scenarios/privacy/report/index.ts';
import { figureName, rateFigure } from '../../../scenarios/privacy/report/index.ts';

/** A synthetic report figure: a value with its interval, rated against an upper-bound threshold. */
export function figure(id: string, value: number, opts: Partial<ReportFigure> = {}): ReportFigure {
  const low = opts.low ?? Math.max(0, value - 0.02);
  const high = opts.high ?? Math.min(1, value + 0.02);
  const threshold = opts.threshold ?? 0.2;
  const bound = opts.bound ?? 'atMost';
  const { name, unit, section } = figureName(id);
  return {
    id,
    section,
    name,
    value,
    low,
    high,
    interval: 'anonymeter',
    unit,
    n: 2000,
    perSeed: [{ seed: 1, value, low, high, n: 2000 }],
    threshold,
    bound,
    thresholdSource: '1/k',
    rating: rateFigure({ value, low, high }, { value: threshold, bound }),
    accepted: null,
    explanation: '',
    ...opts,
  };
}
