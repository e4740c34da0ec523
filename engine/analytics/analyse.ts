import type { CountV1, SightingV1 } from '../events/index.ts';
import type { StoreLayout } from '../layout/index.ts';
import { type CollisionRate, collisionRate } from './collisionRate.ts';
import { type DemographicCell, demographics } from './demographics.ts';
import { eventTable } from './eventTable.ts';
import { type Interest, interest } from './interest.ts';
import { type LoopConformance, loopConformance } from './loopConformance.ts';
import { type Occupancy, occupancy } from './occupancy.ts';
import { type Queues, queues } from './queues.ts';
import { type ReturnFrequency, returnFrequency } from './returnFrequency.ts';
import type { AnalyticsSettings } from './settings.ts';
import { type StaffingPlan, staffing } from './staffing.ts';
import { type TillForecast, tillForecast } from './tillForecast.ts';
import { sightingTracks } from './tracks.ts';
import { type Transitions, transitions } from './transitions.ts';
import { type VisitDuration, visitDuration } from './visitDuration.ts';
import { type Visits, visits } from './visits.ts';

/** Every KPI of DESIGN §5 for one store, from its events alone. */
export type StoreKpis = {
  store: string;
  sightings: number;
  tracks: number;
  collision: Omit<CollisionRate, 'sameByGroup'>;
  visits: Visits;
  occupancy: Omit<Occupancy, 'steps'> & { steps: number };
  duration: VisitDuration;
  returns: ReturnFrequency;
  queues: Queues;
  forecast: TillForecast[];
  transitions: Transitions;
  loop: LoopConformance;
  demographics: DemographicCell[];
  interest: Interest[];
  staffing: StaffingPlan[];
};

export type AnalyseOptions = {
  /** Bootstrap replicates for the intervals (fewer is faster). */
  replicates?: number;
  queueBinMs?: number;
  flowWindowMs?: number;
};

/**
 * All KPIs of a store in one pass over its events: index once (eventTable), chain tracks once,
 * measure the collision rate once, then each KPI reads those. Pure: the same events, layout and
 * settings give the same numbers (bootstraps are seeded).
 */
export function analyse(
  events: Iterable<SightingV1 | CountV1>,
  store: StoreLayout,
  settings: AnalyticsSettings,
  opts: AnalyseOptions = {},
): StoreKpis {
  const table = eventTable(events, store, settings);
  const tracks = sightingTracks(table);
  const rate = collisionRate(table);
  const occ = occupancy(table);
  const duration = visitDuration(table, rate, occ, { replicates: opts.replicates });
  const flows = transitions(table, tracks, rate, {
    windowMs: opts.flowWindowMs,
    replicates: opts.replicates,
  });
  const visitMs = duration.medianMs ?? occ.meanVisitMs ?? Number.NaN;
  const { sameByGroup: _, ...collision } = rate;
  const { steps, ...occRest } = occ;
  return {
    store: store.id,
    sightings: table.sightings.length,
    tracks: tracks.length,
    collision,
    visits: visits(table),
    occupancy: { ...occRest, steps: steps.length },
    duration,
    returns: returnFrequency(table, rate, { replicates: opts.replicates }),
    queues: queues(table, tracks, occ, { binMs: opts.queueBinMs }),
    forecast: tillForecast(table, visitMs),
    transitions: flows,
    loop: loopConformance(flows.zones, flows.matrix, flows.moves, store.loop),
    demographics: demographics(table, tracks),
    interest: interest(table, tracks, rate),
    staffing: staffing(table, tracks),
  };
}
