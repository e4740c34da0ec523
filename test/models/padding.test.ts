import { describe, expect, it } from 'vitest';
import { tfPadding } from '../../models/convert/padding.ts';
import { thrown } from '../thrown.ts';

describe("tfPadding: TensorFlow's SAME and VALID", () => {
  it.each([
    // padding, size, kernel, stride, dilation → out, before, after
    ['SAME', 224, 3, 2, 1, 112, 0, 1], // odd pixel after: asymmetric
    ['SAME', 7, 3, 2, 1, 4, 1, 1],
    ['SAME', 256, 5, 1, 1, 256, 2, 2],
    ['SAME', 8, 2, 2, 1, 4, 0, 0], // 2×2 pooling on an even size
    ['SAME', 5, 3, 1, 2, 5, 2, 2], // dilated: span 5
    ['SAME', 6, 4, 1, 1, 6, 1, 2],
    ['VALID', 7, 3, 2, 1, 3, 0, 0],
    ['VALID', 9, 3, 1, 2, 5, 0, 0],
  ] as const)(
    '%s, size %i, kernel %i, stride %i, dilation %i → %i out, pads %i/%i',
    (padding, size, kernel, stride, dilation, out, before, after) => {
      expect(tfPadding(padding, { size, kernel, stride, dilation })).toEqual({ out, before, after });
    },
  );

  it('rejects a VALID window larger than its input, and unknown paddings', () => {
    expect(thrown(() => tfPadding('VALID', { size: 2, kernel: 3, stride: 1, dilation: 1 })).code).toBe(
      'E_MODEL_SHAPE',
    );
    expect(thrown(() => tfPadding('FULL', { size: 2, kernel: 3, stride: 1, dilation: 1 })).code).toBe(
      'E_MODEL_OP',
    );
  });
});
