import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignedCrop } from '../../engine/vision/alignedCrop.ts';
import { cutPatch, patchCapacity } from '../../engine/vision/facePatch.ts';
import type { Frame } from '../../engine/vision/frame.ts';

/** A frame of seeded noise (every pixel differs, so a misplaced read shows). */
function noise(width: number, height: number, seed: number): Frame {
  const data = new Uint8Array(width * height * 3);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = s & 255;
  }
  return { data, width, height };
}

describe('cutPatch', () => {
  it('holds every pixel alignedCrop reads: the crop of the patch equals the crop of the frame, at any angle, also across the edges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer(),
        fc.double({ min: -20, max: 60, noNaN: true }),
        fc.double({ min: -20, max: 60, noNaN: true }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        (width, height, seed, cx, cy, size, angle, out) => {
          const frame = noise(width, height, seed);
          const region = { cx, cy, size, angle };
          const patch = cutPatch(frame, region, 7);
          expect(patch.born).toBe(7);
          expect(patch.pixels.width).toBeLessThanOrEqual(width);
          expect(patch.pixels.height).toBeLessThanOrEqual(height);
          const a = alignedCrop(frame, region, out);
          const b = alignedCrop(patch.pixels, patch.region, out);
          for (let i = 0; i < a.length; i++)
            expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThan(1e-6);
          // A buffer of patchCapacity(region) always holds the patch: nothing else is allocated.
          const into = new Uint8Array(patchCapacity(region));
          const inPlace = cutPatch(frame, region, 7, into);
          expect(inPlace.pixels.data.buffer).toBe(into.buffer);
          expect(inPlace.pixels.data).toEqual(patch.pixels.data);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('copies only the neighbourhood of the face, not the frame', () => {
    const frame = noise(640, 480, 3);
    const patch = cutPatch(frame, { cx: 320, cy: 240, size: 100, angle: 0.3 });
    // Within size/√2 + 2 of the centre on each side: at most 146 × 146 of 640 × 480.
    expect(patch.pixels.width).toBeLessThanOrEqual(146);
    expect(patch.pixels.height).toBeLessThanOrEqual(146);
    expect(patch.pixels.data.length).toBe(patch.pixels.width * patch.pixels.height * 3);
    // A copy: wiping the patch leaves the frame as it was.
    const before = frame.data[(240 * 640 + 320) * 3];
    patch.pixels.data.fill(0);
    expect(frame.data[(240 * 640 + 320) * 3]).toBe(before);
  });
});
