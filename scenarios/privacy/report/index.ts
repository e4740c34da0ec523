export { type CrowdRecording, crowdRecording } from './crowdRecording.ts';
export { type ExplainContext, explainFigure } from './explainFigure.ts';
export { figureName } from './figureName.ts';
export { DEFAULT_EPSILON_BUDGET, DEFAULT_K, figureThreshold } from './figureThreshold.ts';
export { formatFigure, formatPercent, formatWithInterval } from './formatFigure.ts';
export { paretoFront } from './paretoFront.ts';
export { type PooledMeasure, poolMeasure } from './poolMeasure.ts';
export { poolResidual } from './poolResidual.ts';
export {
  assembleReport,
  buildPrivacyReport,
  type PrivacyReport,
  type PrivacyReportOptions,
  REPORT_FORMAT,
} from './privacyReport.ts';
export {
  DEFAULT_FRONTIER_GRID,
  type FrontierError,
  type FrontierGrid,
  type FrontierOptions,
  type FrontierPoint,
  type FrontierRisk,
  lunchWindow,
  type PrivacyUtilityFrontier,
  privacyUtilityFrontier,
} from './privacyUtilityFrontier.ts';
export { rateFigure } from './rateFigure.ts';
export { type Recommendation, type RecommendationInput, recommendations } from './recommendations.ts';
export { type RelabelledRun, relabelledRun } from './relabelledRun.ts';
export { REPORT_CHARTS } from './reportCharts.ts';
export {
  type Bound,
  type IntervalKind,
  type Rating,
  type ReportFigure,
  type ReportSection,
  reportSections,
  SECTION_TITLES,
  type SeedValue,
  type StatedThreshold,
} from './reportFigure.ts';
export { reportFigures, type UnmeasuredFigure } from './reportFigures.ts';
export { reportHtml } from './reportHtml.ts';
export { REPORT_STYLES } from './reportStyles.ts';
export { FIGURE_ORDER, type SeedMeasure, seedMeasures } from './seedMeasures.ts';
