export {
  assessRisk,
  type RiskAssessment,
  type RiskInput,
  type RiskOptions,
  type ScopeUnlinkability,
} from './assessRisk.ts';
export { type EpsilonReport, epsilonReport } from './epsilonReport.ts';
export { GroupKeys } from './groupKeys.ts';
export { attributeAgreement, groupScore } from './groupScore.ts';
export { type Identities, type PersonIndex, personIndex } from './identities.ts';
export {
  FREQUENCY_CLASSES,
  frequencyClass,
  type InferenceRisk,
  type InferenceSecret,
  inference,
  inferenceSecrets,
} from './inference.ts';
export {
  type LinkabilityRisk,
  type LinkTargets,
  linkability,
  linkPicks,
  linkTargets,
} from './linkability.ts';
export { linkPicksNaive } from './linkNaive.ts';
export { inScope, LINK_SCOPE_MEANING, type LinkScope, linkScopes } from './linkScope.ts';
export { type LinkScores, linkScores, pairsInScope } from './linkScores.ts';
export { ARX_THRESHOLDS, type AttackerModelRisk, type GroupOccupancy, groupOccupancy } from './occupancy.ts';
export { pairHash } from './pairHash.ts';
export { type PosteriorCell, type SameGroupPosterior, sameGroupPosterior } from './posterior.ts';
export { type ChainingRates, type ProfileChaining, profileChaining } from './profileChaining.ts';
export { type AttackRisk, residualRisk } from './riskFigure.ts';
export { shuffledControl } from './shuffledControl.ts';
export {
  type ReleasedSighting,
  type SightingTable,
  SightingTableBuilder,
  sightingTable,
} from './sightingTable.ts';
export { matchQuery, type SinglingOutQuery, type SinglingOutRisk, singlingOut } from './singlingOut.ts';
export { type TrajectoryUnicity, trajectoryUnicity } from './unicity.ts';
export { type Unlinkability, type UnlinkabilityAtPrior, unlinkability } from './unlinkability.ts';
export {
  BRIDGE_MIN_SIGHTINGS,
  DEFAULT_BUCKET_MS,
  TOP_GROUPS,
  type VisitRecords,
  visitRecords,
} from './visitRecords.ts';
export { type VisitSlots, visitSlots } from './visitSlots.ts';
