import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from './buildModels.ts';
import { DEFAULT_ONNX_DIR, readManifest } from './manifest.ts';
import { MODEL_SPECS } from './specs.ts';
import { verifyModels } from './verifyModels.ts';

/**
 * The paths of the converted models, by name. Models whose files are missing are converted first
 * (as `varv models build` would); then every file is checked against the manifest's sha256, so a
 * changed or damaged file is an E_MODEL_HASH error, never silently used.
 */
export function ensureModels(dir = DEFAULT_ONNX_DIR): Record<string, string> {
  const manifest = readManifest();
  for (const m of manifest.models) {
    if (existsSync(join(dir, m.file))) continue;
    const spec = MODEL_SPECS.find((s) => s.name === m.name);
    if (spec) buildModel(spec, dir);
  }
  return Object.fromEntries(verifyModels(dir, manifest).map((c) => [c.name, c.path]));
}
