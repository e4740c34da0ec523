import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VarvError } from '../../engine/errors.ts';
import { decodeWeights, type HostTensor, type WeightSpec } from './weights.ts';

// The TensorFlow.js graph-model format (model.json + weight shards), as far as the converter reads it.

/** One attribute of a GraphDef node, as tfjs-converter writes it to JSON (strings are base64). */
export type TfAttr = {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  shape?: { dim?: { size: string | number }[]; unknownRank?: boolean };
  list?: { s?: string[]; i?: (string | number)[]; f?: number[] };
};

export type TfNode = { name: string; op: string; input?: string[]; attr?: Record<string, TfAttr> };

type TensorInfo = { name: string; dtype?: string; tensorShape?: { dim?: { size: string | number }[] } };
export type TfSignature = { inputs?: Record<string, TensorInfo>; outputs?: Record<string, TensorInfo> };

export type TfGraphModelJson = {
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  modelTopology: { node: TfNode[]; versions?: Record<string, unknown>; library?: Record<string, unknown> };
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  signature?: TfSignature;
  userDefinedMetadata?: { signature?: TfSignature };
};

/** A graph model read from disk: its JSON, its decoded weights, and the files it was read from. */
export type TfGraphModel = {
  json: TfGraphModelJson;
  weights: Map<string, HostTensor>;
  files: string[];
};

/** Reads `model.json` and its weight shards (from the same folder) and decodes the weights. */
export function readTfGraphModel(jsonPath: string): TfGraphModel {
  let json: TfGraphModelJson;
  try {
    json = JSON.parse(readFileSync(jsonPath, 'utf8')) as TfGraphModelJson;
  } catch (e) {
    throw new VarvError(
      'E_MODEL_SOURCE',
      `cannot read the TF.js graph model ${jsonPath}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
  if (json.format !== undefined && json.format !== 'graph-model')
    throw new VarvError('E_MODEL_SOURCE', `${jsonPath} is a "${json.format}", not a TF.js graph-model`);
  if (!Array.isArray(json.modelTopology?.node) || !Array.isArray(json.weightsManifest))
    throw new VarvError('E_MODEL_SOURCE', `${jsonPath} has no modelTopology.node or weightsManifest`);
  const files = [jsonPath];
  const groups = json.weightsManifest.map((group) => {
    const shards = group.paths.map((p) => {
      const file = join(dirname(jsonPath), p);
      files.push(file);
      return readFileSync(file);
    });
    return { weights: group.weights, bytes: Buffer.concat(shards) };
  });
  return { json, weights: decodeWeights(groups, jsonPath), files };
}

/** The model's signature (tfjs puts it at the top level or under userDefinedMetadata). */
export function signatureOf(json: TfGraphModelJson): TfSignature {
  return json.signature ?? json.userDefinedMetadata?.signature ?? {};
}

/** Name of the node a GraphDef input refers to: `name:0` → `name`; control inputs `^name` → undefined. */
export function inputNode(ref: string): string | undefined {
  if (ref.startsWith('^')) return undefined;
  const m = /^(.*):(\d+)$/.exec(ref);
  if (m && m[2] !== '0')
    throw new VarvError(
      'E_MODEL_OP',
      `input "${ref}" reads output ${m[2]} of a node; only single outputs are supported`,
    );
  return m ? m[1] : ref;
}

const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

/** Typed readers of node attributes. */
export const attr = {
  string(node: TfNode, key: string, fallback?: string): string {
    const s = node.attr?.[key]?.s;
    if (s !== undefined) return text(s);
    if (fallback !== undefined) return fallback;
    throw new VarvError('E_MODEL_OP', `${node.op} node "${node.name}" lacks attribute ${key}`);
  },
  strings(node: TfNode, key: string): string[] {
    return (node.attr?.[key]?.list?.s ?? []).map(text);
  },
  ints(node: TfNode, key: string, fallback?: number[]): number[] {
    const list = node.attr?.[key]?.list?.i;
    if (list && list.length > 0) return list.map(Number);
    if (fallback !== undefined) return fallback;
    throw new VarvError('E_MODEL_OP', `${node.op} node "${node.name}" lacks attribute ${key}`);
  },
  bool(node: TfNode, key: string, fallback = false): boolean {
    return node.attr?.[key]?.b ?? fallback;
  },
  float(node: TfNode, key: string, fallback: number): number {
    return node.attr?.[key]?.f ?? fallback;
  },
  shape(node: TfNode, key: string): number[] | undefined {
    const s = node.attr?.[key]?.shape;
    if (!s || s.unknownRank) return undefined;
    return (s.dim ?? []).map((d) => Number(d.size));
  },
};
