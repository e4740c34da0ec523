export { checkVariant, type VariantBase } from './checkVariant.ts';
export { type ComposedVariant, composeVariant, variantIssue } from './composeVariant.ts';
export { formatInterval, formatP, formatSeeds, formatValue } from './formatValue.ts';
export { formatWhatIf } from './formatWhatIf.ts';
export { holm } from './holm.ts';
export { InlineRunner } from './inlineRunner.ts';
export { type JobRunner, runAll } from './jobRunner.ts';
export { type KpiInfo, kpiInfo, kpiOrder, kpiValues } from './kpiCatalog.ts';
export { loadWhatIf, type WhatIfArm, wire } from './loadWhatIf.ts';
export { type MeanInterval, meanInterval } from './meanInterval.ts';
export {
  ACK_WAIT_MS,
  connectQueue,
  DEFAULT_QUEUE,
  decodeJob,
  decodeResult,
  encodeMessage,
  type JobMessage,
  type QueueNames,
  type ResultMessage,
  runMessageId,
} from './natsQueue.ts';
export { type PairedDifference, pairedDifference } from './pairedDifference.ts';
export { peakWindow } from './peakWindow.ts';
export {
  cancelled,
  JobCache,
  type RunFacts,
  type RunResult,
  runJob,
  runKey,
  type WhatIfJob,
} from './runJob.ts';
export { type NatsRunOptions, runOverNats } from './runOverNats.ts';
export { runWhatIf, type WhatIfOptions, whatIfJobs } from './runWhatIf.ts';
export { incompleteBeta, logGamma, tCdf, tQuantile, tTwoSided } from './studentT.ts';
export { ThreadRunner } from './threadRunner.ts';
export {
  isScenarioOp,
  type ScenarioOp,
  scenarioOpSchema,
  VARIANT_FORMAT,
  type VariantFile,
  type VariantOp,
  variantOpSchema,
  variantSchema,
} from './variantSchema.ts';
export { whatIfHtml } from './whatIfHtml.ts';
export { WhatIfJobs, type WhatIfJobsOptions } from './whatIfJobs.ts';
export {
  ALPHA,
  type ArmInfo,
  type ComparisonRow,
  LEVEL,
  REPORT_FORMAT,
  type WhatIfReport,
  whatIfReport,
} from './whatIfReport.ts';
export { whatIfResult } from './whatIfResult.ts';
export { WhatIfWorker, type WhatIfWorkerOptions, type WhatIfWorkerStats } from './whatIfWorker.ts';
