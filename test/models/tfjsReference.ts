import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import ort from 'onnxruntime-node';
import type { TfGraphModelJson } from '../../models/convert/tfGraph.ts';

// The reference for parity: TensorFlow.js's own graph executor on its pure-JS CPU backend (the
// plainest implementation of each op; the WebAssembly backend is ten times faster, but in 4.22
// its _FusedMatMul with transpose_b gets every row after the first wrong), running the original
// graph model; and onnxruntime-node running the converted one.

tf.env().set('PROD', true); // no "install tfjs-node" banner
await tf.setBackend('cpu');

export type Feeds = Record<string, { data: Float32Array; shape: number[] }>;

/** Runs a TF.js graph model (its JSON and the concatenated weight bytes) on `feeds`. */
export async function runTfjs(
  json: TfGraphModelJson,
  weightData: Uint8Array,
  feeds: Feeds,
  outputs: string[],
): Promise<Float32Array[]> {
  const model = await loadGraphModel({
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights) as never,
      weightData: weightData.slice().buffer,
    }),
  });
  const inputs = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, tf.tensor(v.data, v.shape)]));
  const result = model.execute(inputs, outputs);
  const tensors = Array.isArray(result) ? result : [result];
  const out = await Promise.all(tensors.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([...tensors, ...Object.values(inputs)]);
  model.dispose();
  return out;
}

/** Runs an ONNX model with onnxruntime-node on `feeds`. */
export async function runOnnx(
  model: string | Uint8Array,
  feeds: Feeds,
  outputs: string[],
): Promise<Float32Array[]> {
  const session = await (typeof model === 'string'
    ? ort.InferenceSession.create(model, { intraOpNumThreads: 1 })
    : ort.InferenceSession.create(model, { intraOpNumThreads: 1 }));
  const result = await session.run(
    Object.fromEntries(
      Object.entries(feeds).map(([k, v]) => [k, new ort.Tensor('float32', v.data, v.shape)]),
    ),
  );
  await session.release();
  return outputs.map((o) => {
    const t = result[o];
    if (!t) throw new Error(`the ONNX model has no output ${o}`);
    return t.data as Float32Array;
  });
}

/** Largest absolute difference between two arrays of the same length. */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs((a[i] as number) - (b[i] as number)));
  return Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
}
