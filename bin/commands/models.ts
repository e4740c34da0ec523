import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { VarvError } from '../../engine/errors.ts';
import {
  type BuiltModel,
  buildModels,
  CONVERTER,
  checkModels,
  DEFAULT_ONNX_DIR,
  describeMismatch,
  formatManifest,
  MANIFEST_FILE,
  type Manifest,
  readManifest,
} from '../../models/index.ts';
import type { CommandResult } from './output.ts';

const shown = (path: string) => relative(process.cwd(), path) || path;

/**
 * `varv models build`: converts the TF.js graph models to ONNX and checks each file against the
 * manifest's sha256 (the conversion is byte-deterministic). With `writeManifest` the manifest is
 * rewritten from what was built instead (after a change to the converter or the source package).
 */
export function modelsBuildCommand(o: { dir?: string; writeManifest?: boolean }): CommandResult {
  const dir = o.dir ?? DEFAULT_ONNX_DIR;
  const built = buildModels({ dir });
  const lines = built.map(
    (b) =>
      `${b.name}: ${shown(b.path)}, ${b.bytes} bytes, sha256 ${b.sha256} (from ${b.provenance.package}@${b.provenance.version}/${b.provenance.files[0]?.path}, ${Object.values(b.ops).reduce((a, n) => a + n, 0)} TF nodes)`,
  );
  const entries = built.map(({ path: _, ops: __, ...entry }) => entry);
  if (o.writeManifest) {
    const manifest: Manifest = { format: 'varv.models/1', converter: CONVERTER, models: entries };
    writeFileSync(MANIFEST_FILE, formatManifest(manifest));
    lines.push(`wrote ${shown(MANIFEST_FILE)}`);
    return { lines, summary: { command: 'models build', ok: true, models: entries }, code: 0 };
  }
  const expected = new Map(readManifest().models.map((m) => [m.name, m.sha256]));
  const bad = built.filter((b: BuiltModel) => expected.get(b.name) !== b.sha256);
  if (bad.length > 0)
    throw new VarvError(
      'E_MODEL_HASH',
      bad
        .map((b) =>
          describeMismatch({
            name: b.name,
            path: b.path,
            expected: expected.get(b.name) ?? '(none)',
            actual: b.sha256,
            ok: false,
          }),
        )
        .join('; ') +
        ' (if the converter or the source package changed on purpose: varv models build --write-manifest)',
    );
  lines.push(`all ${built.length} models match the manifest`);
  return { lines, summary: { command: 'models build', ok: true, models: entries }, code: 0 };
}

/** `varv models verify`: checks the .onnx files against the manifest's sha256. */
export function modelsVerifyCommand(o: { dir?: string }): CommandResult {
  const checks = checkModels(o.dir ?? DEFAULT_ONNX_DIR);
  const bad = checks.filter((c) => !c.ok);
  if (bad.length > 0) throw new VarvError('E_MODEL_HASH', bad.map(describeMismatch).join('; '));
  const lines = checks.map((c) => `${c.name}: ${shown(c.path)} sha256 ${c.actual} ok`);
  return { lines, summary: { command: 'models verify', ok: true, models: checks }, code: 0 };
}
