import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VarvError } from '../engine/errors.ts';
import { DEFAULT_ONNX_DIR, type Manifest, readManifest, sha256 } from './manifest.ts';

export type ModelCheck = { name: string; path: string; expected: string; actual: string | null; ok: boolean };

/** Hashes each model file the manifest lists; `actual` is null for a missing file. */
export function checkModels(dir = DEFAULT_ONNX_DIR, manifest: Manifest = readManifest()): ModelCheck[] {
  return manifest.models.map((m) => {
    const path = join(dir, m.file);
    const actual = existsSync(path) ? sha256(readFileSync(path)) : null;
    return { name: m.name, path, expected: m.sha256, actual, ok: actual === m.sha256 };
  });
}

/** One line about a check that failed, naming the file and both hashes. */
export function describeMismatch(c: ModelCheck): string {
  return c.actual === null
    ? `${c.path} is missing (expected sha256 ${c.expected}); run varv models build`
    : `${c.path} has sha256 ${c.actual}, the manifest expects ${c.expected}`;
}

/** Throws E_MODEL_HASH naming every model whose file is missing or differs from the manifest. */
export function verifyModels(dir = DEFAULT_ONNX_DIR, manifest: Manifest = readManifest()): ModelCheck[] {
  const checks = checkModels(dir, manifest);
  const bad = checks.filter((c) => !c.ok);
  if (bad.length > 0) throw new VarvError('E_MODEL_HASH', bad.map(describeMismatch).join('; '));
  return checks;
}
