import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { threadId } from 'node:worker_threads';
import { VarvError } from '../engine/errors.ts';
import { convertGraph } from './convert/convertGraph.ts';
import { readTfGraphModel } from './convert/tfGraph.ts';
import { DEFAULT_ONNX_DIR, type ManifestModel, sha256 } from './manifest.ts';
import { sourcePackage } from './sourcePackage.ts';
import { MODEL_SPECS, type ModelSpec } from './specs.ts';

/** Version of the converter; it is part of each model's metadata, so a change shows in the hashes. */
export const CONVERTER = 'varv-tfjs2onnx/1';
export const OPSET = 13;

export type BuiltModel = ManifestModel & { path: string; ops: Record<string, number> };

/** Converts one model from its source package and writes it (atomically) into `dir`. */
export function buildModel(spec: ModelSpec, dir = DEFAULT_ONNX_DIR): BuiltModel {
  const pkg = sourcePackage(spec.source.package);
  const jsonPath = join(pkg.dir, spec.source.file);
  const source = readTfGraphModel(jsonPath);
  const tfNames = (m: Record<string, { name: string }>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.name]));
  const converted = convertGraph(source, {
    name: spec.name,
    inputs: tfNames(spec.inputs),
    outputs: tfNames(spec.outputs),
    meta: {
      opset: OPSET,
      producerName: 'varv',
      producerVersion: CONVERTER,
      docString: `${spec.task}. Converted from ${pkg.name}@${pkg.version}/${spec.source.file}.`,
      metadata: {
        source: `${pkg.name}@${pkg.version}/${spec.source.file}`,
        upstream: spec.upstream.url,
        licence: `${pkg.licence} (package); ${spec.upstream.licence} (upstream)`,
      },
    },
  });
  mkdirSync(dir, { recursive: true });
  const file = `${spec.name}.onnx`;
  const path = join(dir, file);
  // Written aside and renamed, so that processes and threads building at once never see half a file.
  const tmp = `${path}.${process.pid}.${threadId}.tmp`;
  writeFileSync(tmp, converted.bytes);
  renameSync(tmp, path);
  const tensor = (tfName: string, s: { name: string; meaning: string }) => {
    const sig = [...converted.inputs, ...converted.outputs].find((t) => t.name === s.name);
    if (!sig) throw new VarvError('E_MODEL_SOURCE', `${spec.name}: no tensor ${s.name} after conversion`);
    return { name: s.name, shape: sig.shape, dtype: 'float32' as const, meaning: s.meaning, tfName };
  };
  return {
    name: spec.name,
    task: spec.task,
    file,
    sha256: sha256(converted.bytes),
    bytes: converted.bytes.length,
    opset: OPSET,
    inputs: Object.entries(spec.inputs).map(([k, s]) => ({
      ...tensor(k, s),
      layout: s.layout,
      values: s.values,
    })),
    outputs: Object.entries(spec.outputs).map(([k, s]) => tensor(k, s)),
    provenance: {
      package: pkg.name,
      version: pkg.version,
      files: source.files.map((f) => ({ path: relative(pkg.dir, f), sha256: sha256(readFileSync(f)) })),
      upstream: spec.upstream.url,
      convertedBy: `${source.json.convertedBy ?? 'tfjs-converter'} → ${CONVERTER}`,
    },
    licence: { package: pkg.licence, upstream: spec.upstream.licence },
    card: spec.card,
    path,
    ops: converted.ops,
  };
}

/** Converts every model Varv uses (or those named) into `dir`. */
export function buildModels(options: { dir?: string; only?: string[] } = {}): BuiltModel[] {
  const specs = MODEL_SPECS.filter((s) => !options.only || options.only.includes(s.name));
  return specs.map((s) => buildModel(s, options.dir));
}
