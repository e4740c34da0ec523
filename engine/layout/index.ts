export { applyPatch } from './applyPatch.ts';
export { cameraZone, visibleFloor, visibleFloorArea } from './cameraView.ts';
export { checkStore } from './checkStore.ts';
export { describeStore, formatStoreSummary, type StoreSummary } from './describeStore.ts';
export { distanceField } from './distanceField.ts';
export { loadScenarioFile, loadStoreFile, readJsonFile, type ValidatedFile, validateFile } from './files.ts';
export {
  buildFloorGrid,
  cellCentre,
  cellsInside,
  cellsNear,
  type FloorGrid,
  flood,
  someCellInside,
  someCellNear,
} from './floorGrid.ts';
export * from './geometry/clip.ts';
export * from './geometry/footprint.ts';
export * from './geometry/homography.ts';
export * from './geometry/polygon.ts';
export * from './geometry/segment.ts';
export * from './geometry/types.ts';
export { type Checked, formatIssue, formatPath, issuesFromZod, type LayoutIssue } from './issues.ts';
export { BODY_WIDTH_M, checkReachability } from './reachability.ts';
export * from './schema/controller.ts';
export * from './schema/patch.ts';
export {
  type CameraClass,
  cameraClass,
  cameraClasses,
  expected,
  id,
  minutesOfDay,
} from './schema/primitives.ts';
export * from './schema/scenario.ts';
export * from './schema/store.ts';
export { type ResolvedScenario, type StoreLoader, validateScenario } from './validateScenario.ts';
export { checkParsedStore, validateStore } from './validateStore.ts';
