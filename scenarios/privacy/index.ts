export { buildLabRelease, type LabStore } from './buildLabRelease.ts';
export { configurationHash } from './configurationHash.ts';
export { fastRng } from './fastRng.ts';
export {
  DEFAULT_LAB_SCENARIO,
  DEMO_LAB,
  defaultPrivacy,
  LAB_FORMAT,
  loadLabConfig,
  type PrivacyLabConfig,
} from './labConfig.ts';
export { type LabRelease, labRecords, mergeReleases, releaseBuilder } from './labRelease.ts';
export { runLinkedDays } from './linkedRun.ts';
export { PersonCodes } from './personCodes.ts';
export { epochsOf, populationClasses } from './populationClasses.ts';
export { DEFAULT_THRESHOLDS, type PropertyThresholds } from './propertyThresholds.ts';
export { releaseRecorder } from './releaseRecorder.ts';
export { measuredConsistency, type PrivacyLabResult, runPrivacyLab } from './runPrivacyLab.ts';
export { type SynthesisOptions, synthesiseRelease } from './synthesiseRelease.ts';
export { type VisitTemplates, visitTemplates } from './visitTemplates.ts';
