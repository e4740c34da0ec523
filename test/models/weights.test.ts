import { describe, expect, it } from 'vitest';
import { decodeWeights } from '../../models/convert/weights.ts';
import { thrown } from '../thrown.ts';

const bytes = (...parts: ArrayBufferView[]) =>
  Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));

describe('decodeWeights', () => {
  it('reads float32, int32, float16, uint8 and uint16 weights in manifest order across shards', () => {
    const group = {
      weights: [
        { name: 'f', shape: [2], dtype: 'float32' },
        { name: 'i', shape: [1], dtype: 'int32' },
        { name: 'h', shape: [2], dtype: 'float32', quantization: { dtype: 'float16' as const } },
        {
          name: 'q8',
          shape: [3],
          dtype: 'float32',
          quantization: { dtype: 'uint8' as const, scale: 0.5, min: -1 },
        },
        {
          name: 'q16',
          shape: [1],
          dtype: 'float32',
          quantization: { dtype: 'uint16' as const, scale: 2, min: 1 },
        },
      ],
      bytes: bytes(
        Float32Array.of(1.5, -2),
        Int32Array.of(-7),
        Uint16Array.of(0x3c00, 0xc000),
        Uint8Array.of(0, 1, 4),
        Uint16Array.of(300),
      ),
    };
    const w = decodeWeights([group], 'test');
    expect(Array.from(w.get('f')?.data ?? [])).toEqual([1.5, -2]);
    expect(w.get('i')).toEqual({ dtype: 'int32', shape: [1], data: Int32Array.of(-7) });
    expect(Array.from(w.get('h')?.data ?? [])).toEqual([1, -2]);
    expect(Array.from(w.get('q8')?.data ?? [])).toEqual([-1, -0.5, 1]);
    expect(Array.from(w.get('q16')?.data ?? [])).toEqual([601]);
  });

  it('says so when the shards are shorter or longer than the manifest', () => {
    const weights = [{ name: 'f', shape: [2], dtype: 'float32' }];
    expect(
      thrown(() => decodeWeights([{ weights, bytes: bytes(Float32Array.of(1)) }], 'm.json')).message,
    ).toMatch(/weight f runs past the end/);
    expect(
      thrown(() => decodeWeights([{ weights, bytes: bytes(Float32Array.of(1, 2, 3)) }], 'm.json')).message,
    ).toMatch(/accounts for 8 bytes, the shards hold 12/);
  });
});
