import { DEFAULT_K, type IntervalName, intervalNames } from '../privacy/index.ts';

/**
 * What the analytics know about how the events were made: the privacy configuration (public to
 * the processor) and the sighting policy. Nothing here comes from a ground truth.
 */
export type AnalyticsSettings = {
  /** Number of group IDs (the scenario's or the store's `privacy.groups`). */
  groups: number;
  /** Configured P(same group | same person, same interval, another observation). */
  consistency: number;
  /** The k-threshold: aggregates built from fewer distinct groups are suppressed. */
  k: number;
  /** Day interval start times ("HH:MM"), as in the privacy configuration. */
  intervals: readonly [string, string, string];
  /** The sighting policy's repeat period (ms): one sighting per camera per period while in view. */
  repeatMs: number;
  /** How far (ms) a repeat may drift from the period and still continue the same track. */
  repeatToleranceMs: number;
  /**
   * Accuracy of the attribute classifiers (from their model cards), used to undo their confusion:
   * P(gender right); P(age band right), the rest going to the neighbouring bands.
   */
  attributeAccuracy?: { gender: number; age: number };
  /** Mean items per basket, for till service times of `base_s + perItem_s · items`. */
  meanItems: number;
  /** Longest plausible visit (ms): same-day sightings further apart are two different people. */
  maxVisitMs: number;
};

export const DEFAULT_ANALYTICS: AnalyticsSettings = {
  groups: 256,
  consistency: 0.5,
  k: DEFAULT_K,
  intervals: ['06:00', '11:00', '14:00'],
  repeatMs: 10_000,
  repeatToleranceMs: 250,
  meanItems: 10,
  maxVisitMs: 2 * 3_600_000,
};

/** Settings from a privacy configuration (a scenario's or a store's `privacy` block) over the defaults. */
export function analyticsSettings(
  privacy?: {
    groups: number;
    consistency: number;
    intervals: readonly [string, string, string];
    k?: number;
  },
  extra: Partial<AnalyticsSettings> = {},
): AnalyticsSettings {
  return {
    ...DEFAULT_ANALYTICS,
    ...(privacy
      ? {
          groups: privacy.groups,
          consistency: privacy.consistency,
          intervals: privacy.intervals,
          k: privacy.k ?? DEFAULT_K,
        }
      : {}),
    ...extra,
  };
}

/** Interval index (0 morning, 1 lunch, 2 afternoon) of an interval name. */
export function intervalIndex(name: IntervalName): number {
  return intervalNames.indexOf(name);
}
