import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignedCrop } from '../../engine/vision/alignedCrop.ts';
import type { Frame } from '../../engine/vision/frame.ts';

/** A frame whose pixel (x, y) is (x, y, x + y). */
function ramp(width: number, height: number): Frame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([x, y, x + y], (y * width + x) * 3);
  return { data, width, height };
}

const pixel = (img: Float32Array, out: number, u: number, v: number) =>
  Array.from(img.subarray((v * out + u) * 3, (v * out + u) * 3 + 3));

describe('alignedCrop', () => {
  it('copies a level, unscaled region pixel for pixel', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (out, left, top) => {
          const f = ramp(20, 20);
          const img = alignedCrop(f, { cx: left + out / 2, cy: top + out / 2, size: out, angle: 0 }, out);
          for (let v = 0; v < out; v++)
            for (let u = 0; u < out; u++)
              expect(pixel(img, out, u, v)).toEqual([left + u, top + v, left + u + top + v]);
        },
      ),
    );
  });

  it('turns the region: a quarter turn samples along the frame’s y axis', () => {
    const f = ramp(10, 10);
    const img = alignedCrop(f, { cx: 5, cy: 5, size: 4, angle: Math.PI / 2 }, 4);
    // Output row 0 runs down the frame's column x = 6, from y = 3.
    expect(pixel(img, 4, 0, 0).map((x) => Math.round(x))).toEqual([6, 3, 9]);
    expect(pixel(img, 4, 3, 0).map((x) => Math.round(x))).toEqual([6, 6, 12]);
  });

  it('fills what lies outside the frame with black and blends at the edge', () => {
    const f = ramp(4, 4);
    const img = alignedCrop(f, { cx: 0, cy: 0, size: 4, angle: 0 }, 4);
    expect(pixel(img, 4, 0, 0)).toEqual([0, 0, 0]);
    expect(pixel(img, 4, 3, 3)).toEqual([1, 1, 2]);
    const half = alignedCrop(f, { cx: 0.5, cy: 1, size: 1, angle: 0 }, 1);
    expect(pixel(half, 1, 0, 0)).toEqual([0, 0.5, 0.5]);
  });
});
