export { type CalibrationOptions, type CalibrationReport, calibrate } from './calibration.ts';
export { chiSquareUniform, chiSquareUpperTail, normalCdf } from './chiSquare.ts';
export { EpsilonLedger, type LedgerEntry } from './epsilonLedger.ts';
export { type LifetimeMeter, lend, lendAsync, wipe } from './forget.ts';
export { type Assignment, GroupAssigner, type GroupSettings, type Quantizer } from './groupAssigner.ts';
export {
  DayIntervals,
  type DayPosition,
  DEFAULT_BOUNDARIES,
  type IntervalName,
  intervalNames,
  localDayNumber,
} from './intervals.ts';
export { keyEpoch, type Rotation, StoreKey } from './keys.ts';
export { type Cell, DEFAULT_K, type Released, release, releaseAll } from './kThreshold.ts';
export { LIFETIME_BUCKETS_MS, LifetimeHistogram, type LifetimeSummary } from './lifetimeHistogram.ts';
export { type KeySource, keyEnvName, loadStoreKey } from './loadStoreKey.ts';
export { discreteLaplace, laplace } from './noise.ts';
export {
  type EmbeddingPair,
  genuinePairs,
  impostorPairs,
  type NoiseModel,
  observe,
  randomIdentity,
} from './noiseModel.ts';
export { Projector } from './projector.ts';
export { gaussian, type Rng, seededRng } from './random.ts';
export { SightingPolicy } from './sightingPolicy.ts';
export { type Proportion, wilson } from './wilson.ts';
