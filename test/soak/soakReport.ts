/**
 * What one soak stage found. Every field is optional: a stage reports what it measured. Counts are
 * summed over stages, `loadHeld` must hold in every stage that reports it, and everything a stage
 * wants to add besides goes under `detail` (kept per stage in the report's `stages`).
 */
export type StagePart = {
  /** Did the load stay within its limits (memory flat, drops under 1%, latency reported)? */
  loadHeld?: boolean;
  /** Faults injected and survived (nothing lost, nothing duplicated, the fault visible). */
  faultsInjected?: number;
  faultsSurvived?: number;
  /** Bad inputs generated and fed in; of them, how many broke the contract (must be 0). */
  badInputsTried?: number;
  badInputsFailed?: number;
  /** Events accepted, and of them lost or duplicated on the way to the cloud (must be 0). */
  eventsAccepted?: number;
  eventsLost?: number;
  eventsDuplicated?: number;
  detail?: Record<string, unknown>;
};

/** A named stage of `npm run soak`. `quick` asks for a short version (for a smoke run). */
export type SoakStage = { name: string; run(o: { quick: boolean }): Promise<StagePart> };

export type SoakReport = {
  loadHeld: boolean | null;
  faultsInjected: number;
  faultsSurvived: number;
  badInputsTried: number;
  badInputsFailed: number;
  eventsAccepted: number;
  eventsLost: number;
  eventsDuplicated: number;
  ok: boolean;
  seconds: number;
  stages: {
    name: string;
    seconds: number;
    ok: boolean;
    error?: string;
    skipped?: string;
    part?: StagePart;
  }[];
};

const COUNTS = [
  'faultsInjected',
  'faultsSurvived',
  'badInputsTried',
  'badInputsFailed',
  'eventsAccepted',
  'eventsLost',
  'eventsDuplicated',
] as const;

/** One stage's outcome as the report keeps it. */
export type StageOutcome = SoakReport['stages'][number];

/**
 * The report from the stages' outcomes. `ok`: no stage failed, nothing lost or duplicated, every
 * fault survived, no bad input broke the contract, and the load held where it was measured.
 * `loadHeld` is null when no stage measured load.
 */
export function soakReport(outcomes: readonly StageOutcome[], seconds: number): SoakReport {
  const r: SoakReport = {
    loadHeld: null,
    faultsInjected: 0,
    faultsSurvived: 0,
    badInputsTried: 0,
    badInputsFailed: 0,
    eventsAccepted: 0,
    eventsLost: 0,
    eventsDuplicated: 0,
    ok: true,
    seconds,
    stages: [...outcomes],
  };
  for (const o of outcomes) {
    const p = o.part ?? {};
    for (const k of COUNTS) r[k] += p[k] ?? 0;
    if (p.loadHeld !== undefined) r.loadHeld = (r.loadHeld ?? true) && p.loadHeld;
    if (!o.ok) r.ok = false;
  }
  if (r.eventsLost > 0 || r.eventsDuplicated > 0 || r.badInputsFailed > 0) r.ok = false;
  if (r.faultsSurvived < r.faultsInjected || r.loadHeld === false) r.ok = false;
  return r;
}
