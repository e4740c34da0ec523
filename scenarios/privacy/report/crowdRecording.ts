import type { CountV1, SightingV1 } from '../../../engine/events/index.ts';
import type { ResolvedScenario } from '../../../engine/layout/index.ts';
import { runStoreDays, StoreWorld, type TruthRecord, type VisitTruth } from '../../sim/index.ts';

/**
 * One crowd simulation kept whole for the frontier: the events as the analytics get them, the
 * truth log as scoring reads it, and (truth, never in an event) the visit behind each sighting.
 * The walk does not depend on the privacy settings, so one recording serves every grid point.
 */
export type CrowdRecording = {
  scenario: ResolvedScenario;
  seed: number;
  events: (SightingV1 | CountV1)[];
  truth: TruthRecord[];
  /** Per event: the visit (VisitTruth.visit) whose face a sighting was; -1 for a door count. */
  visitOf: Int32Array;
  visits: Map<number, VisitTruth>;
};

/**
 * Crowd-simulates `days` days of `sc` in the clock window `window` (local "HH:MM"), all of it
 * through the simulator's cameras and privacy core, keeping what the frontier needs.
 */
export function crowdRecording(
  sc: ResolvedScenario,
  opts: { seed: number; days: number; window: { start: string; end: string }; world?: StoreWorld },
): CrowdRecording {
  const clock = sc.clock as Extract<ResolvedScenario['clock'], { start: string }>;
  const scenario: ResolvedScenario = {
    ...sc,
    clock: { ...clock, start: opts.window.start, end: opts.window.end, days: opts.days },
  };
  const events: (SightingV1 | CountV1)[] = [];
  const truth: TruthRecord[] = [];
  const visitOf: number[] = [];
  const visits = new Map<number, VisitTruth>();
  runStoreDays(
    scenario,
    {
      event(e) {
        events.push(e);
        visitOf.push(-1);
      },
      sightedBy(_e, visit) {
        visitOf[visitOf.length - 1] = visit;
      },
      truth(r) {
        truth.push(r);
        if (r.type === 'visit') visits.set(r.visit, r);
      },
    },
    { seed: opts.seed, world: opts.world ?? new StoreWorld(sc.store) },
  );
  return { scenario, seed: opts.seed, events, truth, visitOf: Int32Array.from(visitOf), visits };
}
