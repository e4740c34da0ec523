export { arrivalTimes, expectedArrivals } from './arrivals.ts';
export { type AgentSpec, Crowd } from './crowd.ts';
export {
  type AreaSecond,
  BODY_RADIUS,
  type Crossing,
  type ExperimentResult,
  runExperiment,
  type TrajectoryRow,
} from './experiment.ts';
export { experimentFiles, type RunFiles } from './experimentOutputs.ts';
export { DEFAULT_SPEED_MODEL, type SpeedModel, StepScratch, stepCrowd } from './locomotion.ts';
export { type Measured, Measurements, type MeasureSpec } from './measurements.ts';
export { descend, type NavField, Navigation } from './navigation.ts';
export { AGE_SHARES, type AgeBand, type Gender, type Person, Population } from './population.ts';
export { QUEUE_SPACING, queueSlots } from './queueLine.ts';
export { RandomTree } from './randomTree.ts';
export { Scheduler } from './scheduler.ts';
export { simulationAssigner } from './simulationAssigner.ts';
export { runStoreDays, type StoreDayOptions, type StoreDaySink, type StoreDaySummary } from './storeDay.ts';
export { StoreWorld } from './storeWorld.ts';
export type { DayTruth, QueueTruth, StaffTruth, TruthRecord, VisitTruth } from './truthLog.ts';
export { AGE_SPEED_RANGES, drawWalkingSpeed, SHOPPING_PACE } from './walkingSpeed.ts';
export { WallIndex, wallSegments } from './wallIndex.ts';
