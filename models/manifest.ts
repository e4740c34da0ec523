import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VarvError } from '../engine/errors.ts';
import type { Dim } from './convert/onnxGraph.ts';

/** The folder of this module: the manifest, the cards and (by default) the .onnx files live here. */
export const MODELS_DIR = fileURLToPath(new URL('.', import.meta.url));
export const MANIFEST_FILE = fileURLToPath(new URL('manifest.json', import.meta.url));
/** Where `varv models build` writes the .onnx files unless told otherwise (git-ignored). */
export const DEFAULT_ONNX_DIR = fileURLToPath(new URL('onnx/', import.meta.url));

export type ManifestTensor = {
  name: string;
  shape: Dim[];
  dtype: 'float32';
  meaning: string;
  tfName: string;
};

export type ManifestModel = {
  name: string;
  task: string;
  file: string;
  sha256: string;
  bytes: number;
  opset: number;
  inputs: (ManifestTensor & { layout: string; values: string })[];
  outputs: ManifestTensor[];
  provenance: {
    package: string;
    version: string;
    files: { path: string; sha256: string }[];
    upstream: string;
    convertedBy: string;
  };
  licence: { package: string; upstream: string };
  card: string;
};

export type Manifest = { format: 'varv.models/1'; converter: string; models: ManifestModel[] };

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Reads the committed manifest of expected models and hashes. */
export function readManifest(file = MANIFEST_FILE): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (e) {
    throw new VarvError(
      'E_MODEL_MANIFEST',
      `cannot read the model manifest ${file}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
  if (m.format !== 'varv.models/1' || !Array.isArray(m.models))
    throw new VarvError('E_MODEL_MANIFEST', `${file} is not a varv.models/1 manifest`);
  return m;
}

/**
 * The manifest as JSON laid out the way the formatter lays it out (short arrays of numbers and
 * strings on one line), so that a rewritten manifest passes the lint unchanged.
 */
export function formatManifest(m: Manifest): string {
  const flat = (v: unknown) =>
    Array.isArray(v) &&
    v.every((x) => typeof x === 'number' || typeof x === 'string') &&
    JSON.stringify(v).length < 60;
  const write = (v: unknown, indent: string): string => {
    if (flat(v)) return `[${(v as unknown[]).map((x) => JSON.stringify(x)).join(', ')}]`;
    const inner = `${indent}  `;
    if (Array.isArray(v)) return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
    if (v !== null && typeof v === 'object')
      return `{\n${Object.entries(v)
        .map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`)
        .join(',\n')}\n${indent}}`;
    return JSON.stringify(v);
  };
  return `${write(m, '')}\n`;
}
