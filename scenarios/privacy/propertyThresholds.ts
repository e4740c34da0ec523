/**
 * The thresholds the privacy property tests check (`npm run test:privacy`), each an upper bound on
 * the upper end of a figure's 95% interval. A lab file's `thresholds` replace any of them.
 */
export type PropertyThresholds = {
  /** D↔sys at ω = 1 between visits in different intervals, different key epochs, different stores. */
  separationIntervals: number;
  separationEpochs: number;
  separationStores: number;
  /** P(same person | same group key, gender and age band, different days). */
  posterior: number;
  /** Residual linkability risk across days within one interval, for an attacker who knows when you came. */
  linkAcrossDays: number;
  /** Residual singling-out risk. */
  singlingOut: number;
  /** Residual inference risk (the largest of gender, age band and visit frequency). */
  inference: number;
  /** Share of a regular visitor's other visits a chaining attacker assembles. */
  profileShare: number;
};

/**
 * Defaults, and why: separation 0.05 (practically unlinkable, D↔sys being 0 for fully unlinkable
 * keys; 0.05 leaves room for estimation error); the posterior 0.5 (a shared group is not evidence
 * that two visits are one person more often than not); the attack risks 0.2 = 1/k for the default
 * k-threshold k = 5 (an attacker does no better than picking one of k people).
 */
export const DEFAULT_THRESHOLDS: Readonly<PropertyThresholds> = {
  separationIntervals: 0.05,
  separationEpochs: 0.05,
  separationStores: 0.05,
  posterior: 0.5,
  linkAcrossDays: 0.2,
  singlingOut: 0.2,
  inference: 0.2,
  profileShare: 0.2,
};
