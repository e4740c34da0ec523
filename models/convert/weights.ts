import { VarvError } from '../../engine/errors.ts';
import { float16ToFloat32 } from './float16.ts';

/** A weight as tfjs-converter lists it in `weightsManifest`. */
export type WeightSpec = {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: {
    dtype: 'float16' | 'uint8' | 'uint16';
    scale?: number;
    min?: number;
    original_dtype?: string;
  };
};

/** A tensor held in memory by the converter (constants and weights). */
export type HostTensor =
  | { dtype: 'float32'; shape: number[]; data: Float32Array }
  | { dtype: 'int32'; shape: number[]; data: Int32Array };

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

const storedBytes = (w: WeightSpec) => {
  const q = w.quantization?.dtype;
  if (q === 'uint8') return 1;
  if (q === 'float16' || q === 'uint16') return 2;
  if (q !== undefined) throw new VarvError('E_MODEL_SOURCE', `weight ${w.name}: unknown quantization ${q}`);
  if (w.dtype === 'float32' || w.dtype === 'int32') return 4;
  throw new VarvError('E_MODEL_SOURCE', `weight ${w.name}: unsupported dtype ${w.dtype}`);
};

/**
 * Decodes the weight groups of a graph model: each group's shards are concatenated and its weights
 * lie one after another in manifest order. Quantized weights are dequantized the way tfjs does:
 * float16 exactly to float32; uint8/uint16 as `min + q · scale`.
 */
export function decodeWeights(
  groups: { weights: WeightSpec[]; bytes: Buffer }[],
  source: string,
): Map<string, HostTensor> {
  const out = new Map<string, HostTensor>();
  for (const { weights, bytes } of groups) {
    // A fresh, aligned copy, so that typed views start on their element size.
    const buf = new Uint8Array(bytes).buffer;
    const view = new DataView(buf);
    let offset = 0;
    for (const w of weights) {
      const n = sizeOf(w.shape);
      const width = storedBytes(w);
      if (offset + n * width > buf.byteLength)
        throw new VarvError(
          'E_MODEL_SOURCE',
          `${source}: weight ${w.name} runs past the end of its shards (${buf.byteLength} bytes)`,
        );
      const q = w.quantization;
      if (w.dtype === 'int32' && !q) {
        const data = new Int32Array(n);
        for (let i = 0; i < n; i++) data[i] = view.getInt32(offset + 4 * i, true);
        out.set(w.name, { dtype: 'int32', shape: w.shape, data });
      } else if (w.dtype === 'float32') {
        const data = new Float32Array(n);
        if (!q) for (let i = 0; i < n; i++) data[i] = view.getFloat32(offset + 4 * i, true);
        else if (q.dtype === 'float16')
          for (let i = 0; i < n; i++) data[i] = float16ToFloat32(view.getUint16(offset + 2 * i, true));
        else {
          const scale = q.scale ?? 1;
          const min = q.min ?? 0;
          for (let i = 0; i < n; i++)
            data[i] =
              min +
              scale *
                (q.dtype === 'uint8' ? view.getUint8(offset + i) : view.getUint16(offset + 2 * i, true));
        }
        out.set(w.name, { dtype: 'float32', shape: w.shape, data });
      } else {
        throw new VarvError('E_MODEL_SOURCE', `${source}: weight ${w.name} has unsupported dtype ${w.dtype}`);
      }
      offset += n * width;
    }
    if (offset !== buf.byteLength)
      throw new VarvError(
        'E_MODEL_SOURCE',
        `${source}: the manifest accounts for ${offset} bytes, the shards hold ${buf.byteLength}`,
      );
  }
  return out;
}
