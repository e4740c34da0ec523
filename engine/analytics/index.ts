export { type AnalyseOptions, analyse, type StoreKpis } from './analyse.ts';
export { type CollisionRate, collisionRate, intervalRate } from './collisionRate.ts';
export { type DemographicCell, demographics, unconfuseAge } from './demographics.ts';
export { type ErlangC, erlangC, serversNeeded } from './erlangC.ts';
export { dayInterval, type EventTable, eventTable } from './eventTable.ts';
export { type BootstrapInterval, type BootstrapOptions, groupBootstrap } from './groupBootstrap.ts';
export { type Interest, interest } from './interest.ts';
export { type LoopConformance, loopConformance } from './loopConformance.ts';
export { type Occupancy, occupancy, occupancyAt } from './occupancy.ts';
export { type QueueOptions, type Queues, queues, type TillQueue, viewDepth } from './queues.ts';
export { type ReturnFrequency, returnFrequency } from './returnFrequency.ts';
export { type AnalyticsSettings, analyticsSettings, DEFAULT_ANALYTICS, intervalIndex } from './settings.ts';
export { solveLinear } from './solveLinear.ts';
export { type StaffingPlan, staffing } from './staffing.ts';
export { compareStores, type StoreComparisonRow } from './storeComparison.ts';
export { serviceSeconds, type TillForecast, type TillForecastOptions, tillForecast } from './tillForecast.ts';
export { sightingTracks, type Tracks, trackDuration } from './tracks.ts';
export { type Transitions, transitions } from './transitions.ts';
export { alongPolyline, insidePolygon, type View, viewOf } from './viewOf.ts';
export {
  histogramQuantile,
  type VisitDuration,
  type VisitDurationOptions,
  visitDuration,
} from './visitDuration.ts';
export { type VisitCell, type Visits, visits } from './visits.ts';
