import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transposeHost } from '../../models/convert/transposeHost.ts';

const strides = (shape: number[]) => shape.map((_, k) => shape.slice(k + 1).reduce((a, b) => a * b, 1));

describe('transposeHost', () => {
  it('puts input element at index i at the permuted index, for any shape and permutation', () => {
    const case_ = fc
      .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
      .chain((shape) =>
        fc.tuple(
          fc.constant(shape),
          fc.shuffledSubarray([...shape.keys()], { minLength: shape.length, maxLength: shape.length }),
        ),
      );
    fc.assert(
      fc.property(case_, ([shape, perm]) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const data = Float32Array.from({ length: n }, (_, i) => i);
        const out = transposeHost(data, shape, perm);
        expect(out.shape).toEqual(perm.map((p) => shape[p]));
        const inS = strides(shape);
        const outS = strides(out.shape);
        for (let i = 0; i < n; i++) {
          // Output index → input offset: output axis k walks input axis perm[k].
          let src = 0;
          for (let k = 0; k < out.shape.length; k++)
            src +=
              (Math.floor(i / (outS[k] as number)) % (out.shape[k] as number)) *
              (inS[perm[k] as number] as number);
          expect(out.data[i]).toBe(src);
        }
      }),
    );
  });
});
