import { wilson } from '../../../engine/privacy/index.ts';
import { poolResidual } from './poolResidual.ts';
import type { IntervalKind, SeedValue } from './reportFigure.ts';
import type { SeedMeasure } from './seedMeasures.ts';

export type PooledMeasure = {
  value: number;
  low: number;
  high: number;
  interval: IntervalKind;
  n: number | null;
  perSeed: SeedValue[];
};

/**
 * A figure over several seeds, each way as suits its measurement: attack risks and proportions pool
 * their trials (so the interval narrows with the seeds); a bootstrap figure is the mean of the
 * seeds' values with the seeds' errors combined as independent (±√Σh²/m); a largest risk is the
 * largest over the seeds, an average the mean, a median the median of all the seeds' classes —
 * those three with the range of the seeds' values as their interval.
 */
export function poolMeasure(measures: readonly { seed: number; m: SeedMeasure }[]): PooledMeasure {
  const perSeed = measures.map(({ seed, m }) => seedValue(seed, m));
  const first = measures[0]?.m;
  if (!first) throw new Error('poolMeasure needs at least one seed');
  const range = (value: number) => ({
    low: Math.min(value, ...perSeed.map((s) => s.value)),
    high: Math.max(value, ...perSeed.map((s) => s.value)),
  });
  const ofKind = <K extends SeedMeasure['kind']>(k: K) =>
    measures.map(({ m }) => m).filter((m): m is Extract<SeedMeasure, { kind: K }> => m.kind === k);
  switch (first.kind) {
    case 'residual': {
      const r = poolResidual(ofKind('residual').map((m) => m.risk));
      return { value: r.risk, low: r.lo, high: r.hi, interval: 'anonymeter', n: r.attacks, perSeed };
    }
    case 'proportion': {
      const ps = ofKind('proportion').map((m) => m.p);
      const p = wilson(
        ps.reduce((s, x) => s + x.successes, 0),
        ps.reduce((s, x) => s + x.n, 0),
      );
      return { value: p.p, low: p.lo, high: p.hi, interval: 'wilson', n: p.n, perSeed };
    }
    case 'bootstrap': {
      const bs = ofKind('bootstrap');
      const m = bs.length;
      const value = bs.reduce((s, b) => s + b.value, 0) / m;
      const below = Math.sqrt(bs.reduce((s, b) => s + (b.value - b.lo) ** 2, 0)) / m;
      const above = Math.sqrt(bs.reduce((s, b) => s + (b.hi - b.value) ** 2, 0)) / m;
      return {
        value,
        low: Math.max(0, value - below),
        high: Math.min(1, value + above),
        interval: 'bootstrap',
        n: bs.reduce((s, b) => s + b.n, 0),
        perSeed,
      };
    }
    case 'max':
    case 'mean': {
      const xs = measures.map(({ m }) => m as Extract<SeedMeasure, { kind: 'max' | 'mean' }>);
      const value =
        first.kind === 'max'
          ? Math.max(...xs.map((x) => x.value))
          : xs.reduce((s, x) => s + x.value, 0) / xs.length;
      const n = xs.every((x) => x.n !== null) ? xs.reduce((s, x) => s + (x.n as number), 0) : null;
      return { value, ...range(value), interval: 'seeds', n, perSeed };
    }
    case 'median': {
      const all = ofKind('median').flatMap((m) => m.values);
      const value = median(all);
      return { value, ...range(value), interval: 'seeds', n: all.length, perSeed };
    }
  }
}

function seedValue(seed: number, m: SeedMeasure): SeedValue {
  switch (m.kind) {
    case 'residual':
      return { seed, value: m.risk.risk, low: m.risk.lo, high: m.risk.hi, n: m.risk.attacks };
    case 'proportion':
      return { seed, value: m.p.p, low: m.p.lo, high: m.p.hi, n: m.p.n };
    case 'bootstrap':
      return { seed, value: m.value, low: m.lo, high: m.hi, n: m.n };
    case 'max':
    case 'mean':
      return { seed, value: m.value, low: m.value, high: m.value, n: m.n };
    case 'median': {
      const v = median(m.values);
      return { seed, value: v, low: v, high: v, n: m.values.length };
    }
  }
}

/** The median (the upper of the two middle values for an even count, as occupancy reports it). */
function median(xs: readonly number[]): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}
