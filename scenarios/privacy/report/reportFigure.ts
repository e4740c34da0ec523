/** A rating against a stated threshold: within it, undecided at 95%, or beyond it. */
export type Rating = 'green' | 'amber' | 'red';

/** How a figure's interval was made. */
export type IntervalKind =
  /** Anonymeter's residual risk: Wilson intervals of attack and control, propagated. */
  | 'anonymeter'
  /** A Wilson 95% score interval of a proportion pooled over seeds. */
  | 'wilson'
  /** Percentile bootstrap (per seed), combined over seeds as independent errors of a mean. */
  | 'bootstrap'
  /** No sampling interval: the range of the per-seed values. */
  | 'seeds';

/** Which way a threshold bounds a figure. */
export type Bound = 'atMost' | 'atLeast';

/** A threshold as stated: its value, which way it bounds, and where it comes from. */
export type StatedThreshold = { value: number; bound: Bound; source: string };

/** One figure on one seed. */
export type SeedValue = { seed: number; value: number; low: number; high: number; n: number | null };

/**
 * One figure of the privacy report: the pooled value over the seeds with its 95% interval, the
 * per-seed values, the default threshold and the rating against it, and — where the
 * configuration states its own tolerance — that tolerance and the rating against it beside. Its
 * `name`, `value`, `low`, `high`, `threshold`, `rating`, `unit` and `note` are what `varv notice
 * --risk` reads for the DPIA appendix.
 */
export type ReportFigure = {
  id: string;
  section: ReportSection;
  name: string;
  value: number;
  low: number;
  high: number;
  interval: IntervalKind;
  unit: string;
  /** Attacks (or targets, pairs, classes) behind the pooled figure. */
  n: number | null;
  perSeed: SeedValue[];
  /** The default threshold: the rating is always against it. */
  threshold: number;
  bound: Bound;
  thresholdSource: string;
  rating: Rating;
  /** The configuration's own stated tolerance, where it differs from the default. */
  accepted: { threshold: number; rating: Rating; source: string } | null;
  /** What the figure means, in plain words, with its numbers. */
  explanation: string;
  /** For tables: the configuration's tolerance where it accepts more than the default. */
  note?: string;
};

export const reportSections = [
  'attacks',
  'linkability',
  'unlinkability',
  'posterior',
  'occupancy',
  'unicity',
  'chaining',
  'epsilon',
] as const;
export type ReportSection = (typeof reportSections)[number];

export const SECTION_TITLES: Readonly<Record<ReportSection, string>> = {
  attacks: 'Singling out and inference',
  linkability: 'Linkability',
  unlinkability: 'Unlinkability (D↔sys)',
  posterior: 'Same-group posterior',
  occupancy: 'Group occupancy (k)',
  unicity: 'Trajectory unicity',
  chaining: 'Cross-day profile chaining',
  epsilon: 'Differential privacy (ε ledger)',
};
