/**
 * What the server needs to run what-ifs from the twin's edit mode. The server only routes and
 * checks roles; the runs themselves are a scenarios concern (scenarios/whatif implements this and
 * `varv demo` passes it in), so that engine never imports scenarios.
 */

/** A part of the store day to simulate ("HH:MM", store-local). */
export type WhatIfWindow = { start: string; end: string };

/** What the edit mode offers for a store: its day, the suggested window and seeds, the limits. */
export type WhatIfDefaults = {
  store: string;
  /** The baseline scenario (for the saved variant's description). */
  baseline: string;
  /** The baseline's whole store day. */
  day: WhatIfWindow;
  /** The suggested window: the busiest hour of the baseline's arrival profile. */
  window: WhatIfWindow;
  seeds: number;
  maxSeeds: number;
  /** The longest window allowed, minutes. */
  maxMinutes: number;
};

/** A problem with a variant: where (a JSON path), which rule, what, and the element it is about. */
export type WhatIfIssue = {
  path: string;
  rule: string;
  message: string;
  element?: {
    kind: 'obstacle' | 'till' | 'zone' | 'object' | 'camera' | 'entrance' | 'staffPost' | 'patch';
    id: string;
  };
  /** Other elements the message names (the shelf it overlaps, …). */
  mentions?: string[];
};

export type WhatIfCheck = { ok: boolean; issues: WhatIfIssue[] };

export type WhatIfStart = {
  /** The variant's changes: `varv.variant/1` patch operations. */
  patch: unknown[];
  name?: string;
  window?: WhatIfWindow;
  seeds?: number;
};

/** A mean with its 95% interval (null bounds below two values). */
export type WhatIfStat = { n: number; mean: number | null; lo: number | null; hi: number | null };

/** One KPI of the variant against the baseline. */
export type WhatIfRow = {
  kpi: string;
  label: string;
  unit: string;
  /** `truth`: from the simulator's truth log, which a real store would not have. */
  source: 'events' | 'truth';
  better: 'lower' | 'higher' | null;
  baseline: WhatIfStat;
  variant: WhatIfStat;
  /** Variant − baseline, paired by seed. */
  diff: WhatIfStat;
  p: number | null;
  pHolm: number | null;
  significant: boolean;
  significantHolm: boolean;
};

/** Per zone, one figure for each arm (mean over seeds), for side-by-side heat maps. */
export type WhatIfHeat = {
  what: string;
  unit: string;
  baseline: Record<string, number>;
  variant: Record<string, number>;
};

/** Staffing per day interval: Erlang C tills and staff posts, for both arms (means over seeds). */
export type WhatIfStaffing = {
  interval: string;
  baselineTills: number;
  variantTills: number;
  /** The variant's posts, busiest first: mean demand (people in the zones served) and the share of seeds that man it. */
  posts: { post: string; demand: number; staffed: number }[];
}[];

export type WhatIfResult = {
  rows: WhatIfRow[];
  tested: number;
  significant: number;
  significantHolm: number;
  heat: WhatIfHeat;
  staffing: WhatIfStaffing;
  problems: string[];
  /** The full report (`varv.whatif/1`), as `varv whatif` writes it. */
  report: unknown;
};

export type WhatIfJobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export type WhatIfJobView = {
  id: string;
  store: string;
  name: string;
  state: WhatIfJobState;
  /** Runs finished and in all (two arms × seeds). */
  done: number;
  total: number;
  seeds: number[];
  window: WhatIfWindow;
  patch: unknown[];
  error?: string;
  result?: WhatIfResult;
};

/**
 * Runs what-ifs for the server. `check` and `start` throw a VarvError (`E_NOT_FOUND` for an
 * unknown store, `E_INVALID` with the issues listed, `E_USAGE` for bad options, `E_WHATIF_BUSY`
 * when too many are queued).
 */
export interface WhatIfService {
  defaults(store: string): WhatIfDefaults | null;
  check(store: string, patch: unknown): WhatIfCheck;
  start(store: string, request: WhatIfStart): WhatIfJobView;
  job(id: string): WhatIfJobView | null;
  cancel(id: string): boolean;
  close(): Promise<void>;
}
