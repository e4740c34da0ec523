import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Frame } from '../../engine/vision/index.ts';

// The peer of the vision bench: @vladmandic/human 3.3.6 on TensorFlow.js's WebAssembly backend in
// Node, with the same detector (BlazeFace, back-camera) and describer (FaceRes: embedding, gender,
// age) that Varv converts, read from the package's own model files. No network: the wasm binaries
// come from @tensorflow/tfjs-backend-wasm's dist folder and the models through a file:// loader.

const require = createRequire(import.meta.url);

/** The slice of Human's API the bench uses. */
type Tensor = { dispose(): void };
type HumanTf = {
  tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): Tensor;
  getBackend(): string;
  io: { registerLoadRouter(router: (url: string | string[]) => unknown): void };
  version: Record<string, string>;
};
type Human = {
  tf: HumanTf;
  env: { wasm: { simd?: boolean; multithread?: boolean } };
  load(): Promise<void>;
  detect(
    input: Tensor,
  ): Promise<{ face: { embedding?: number[]; gender: string; age?: number }[]; error?: string }>;
};

export type HumanPeer = {
  /** "human 3.3.6, tfjs 4.22.0 wasm (simd, 1 thread)". */
  name: string;
  /** The faces Human finds and describes in a frame. */
  faces(frame: Frame): Promise<number>;
};

/**
 * Human's `dist/human.node-wasm.js` (its package `exports` spell that subpath without "./", so
 * Node refuses it by name; it is loaded by path), configured for faces only: detector and
 * description, no mesh, iris, emotion, anti-spoofing, liveness, body, hands or objects, no result
 * caching between frames, and the detector's thresholds as Varv's (score 0.4, IoU 0.3, 50 faces).
 */
export async function openHumanWasm(): Promise<HumanPeer> {
  const main = require.resolve('@vladmandic/human');
  const { Human } = require(join(dirname(main), 'human.node-wasm.js')) as {
    Human: new (config: object) => Human;
  };
  const models = join(dirname(dirname(main)), 'models');
  const wasm = `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`;
  const human = new Human({
    backend: 'wasm',
    wasmPath: wasm,
    modelBasePath: `file://${models}/`,
    debug: false,
    async: false,
    warmup: 'none',
    cacheSensitivity: 0,
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 50, minConfidence: 0.4, iouThreshold: 0.3, return: false },
      mesh: { enabled: false },
      attention: { enabled: false },
      iris: { enabled: false },
      description: { enabled: true },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
    filter: { enabled: false },
  });
  // TF.js in Node without tfjs-node has no file:// loader: read the model.json and its shards.
  human.tf.io.registerLoadRouter((url) => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    const path = url.slice('file://'.length);
    return {
      load: async () => {
        const json = JSON.parse(readFileSync(path, 'utf8'));
        const weightSpecs = [];
        const shards: Buffer[] = [];
        for (const group of json.weightsManifest) {
          weightSpecs.push(...group.weights);
          for (const p of group.paths) shards.push(readFileSync(join(dirname(path), p)));
        }
        const all = Buffer.concat(shards);
        return {
          modelTopology: json.modelTopology,
          format: json.format,
          generatedBy: json.generatedBy,
          convertedBy: json.convertedBy,
          signature: json.signature,
          userDefinedMetadata: json.userDefinedMetadata,
          weightSpecs,
          weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
        };
      },
    };
  });
  await human.load();
  const backend = human.tf.getBackend();
  if (backend !== 'wasm') throw new Error(`Human runs on ${backend}, not wasm`);
  const w = human.env.wasm;
  return {
    name: `@vladmandic/human ${require(join(dirname(dirname(main)), 'package.json')).version} on tfjs-backend-wasm ${human.tf.version['tfjs-core'] ?? ''} (${w.simd ? 'simd' : 'no simd'}, ${w.multithread ? 'threads' : '1 thread'})`,
    faces: async (frame) => {
      const t = human.tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32');
      try {
        const r = await human.detect(t);
        if (r.error) throw new Error(`Human: ${r.error}`);
        return r.face.filter((f) => f.embedding && f.embedding.length > 0).length;
      } finally {
        t.dispose();
      }
    },
  };
}
