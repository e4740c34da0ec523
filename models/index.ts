export { type BuiltModel, buildModel, buildModels, CONVERTER, OPSET } from './buildModels.ts';
export { convertGraph, SUPPORTED_OPS } from './convert/convertGraph.ts';
export { readTfGraphModel } from './convert/tfGraph.ts';
export { ensureModels } from './ensureModels.ts';
export {
  DEFAULT_ONNX_DIR,
  formatManifest,
  MANIFEST_FILE,
  type Manifest,
  type ManifestModel,
  MODELS_DIR,
  readManifest,
  sha256,
} from './manifest.ts';
export { sourcePackage } from './sourcePackage.ts';
export { MODEL_SPECS, type ModelSpec } from './specs.ts';
export { checkModels, describeMismatch, type ModelCheck, verifyModels } from './verifyModels.ts';
