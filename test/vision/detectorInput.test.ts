import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectorInput } from '../../engine/vision/detectorInput.ts';
import type { Frame } from '../../engine/vision/frame.ts';

function frame(width: number, height: number): Frame {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31) % 256;
  return { data, width, height };
}

describe('detectorInput', () => {
  it('copies a frame that already fits (a detection frame) pixel for pixel, padded black right and below', async () => {
    for (const [w, h] of [
      [256, 192],
      [150, 256],
      [256, 256],
    ] as const) {
      const f = frame(w, h);
      const { input, scale } = await detectorInput(f, 256);
      expect(scale).toBe(1);
      expect(input.length).toBe(256 * 256 * 3);
      for (const [x, y] of [
        [0, 0],
        [w - 1, h - 1],
        [w >> 1, h >> 2],
      ] as const)
        for (let c = 0; c < 3; c++)
          expect(input[(y * 256 + x) * 3 + c]).toBeCloseTo(
            (f.data[(y * w + x) * 3 + c] as number) / 127.5 - 1,
            6,
          );
      // Padding is black (−1).
      if (w < 256) expect(input[(0 * 256 + w) * 3]).toBe(-1);
      if (h < 256) expect(input[(h * 256 + 0) * 3]).toBe(-1);
    }
  });

  it('gives the direct copy the same values as sharp’s letterbox would (the path every other frame takes)', async () => {
    const f = frame(256, 171);
    const viaSharp = await sharp(f.data, { raw: { width: 256, height: 171, channels: 3 } })
      .resize(256, 256, { fit: 'contain', position: 'left top', background: { r: 0, g: 0, b: 0 } })
      .raw()
      .toBuffer();
    const { input } = await detectorInput(f, 256);
    let worst = 0;
    for (let i = 0; i < input.length; i++)
      worst = Math.max(worst, Math.abs((input[i] as number) - ((viaSharp[i] as number) / 127.5 - 1)));
    expect(worst).toBeLessThan(1e-6);
  });

  it('scales any other frame through sharp into the square, padded black', async () => {
    const big = frame(512, 384);
    const { input, scale } = await detectorInput(big, 256);
    expect(scale).toBe(0.5);
    expect(input.every((v) => v >= -1 && v <= 1)).toBe(true);
    // Below the scaled frame (rows 192…255) is the black padding.
    expect(input.subarray(192 * 256 * 3).every((v) => v === -1)).toBe(true);
  });
});
