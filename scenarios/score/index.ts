export { formatScore } from './formatScore.ts';
export { scenarioSettings } from './scenarioSettings.ts';
export {
  flowDistance,
  type ScoreOptions,
  type ScoreReport,
  type ScoreRow,
  scoreRun,
  toMatrix,
} from './scoreRun.ts';
export { median, type TruthKpis, type TruthOptions, truthKpis, truthTillsNeeded } from './truthKpis.ts';
