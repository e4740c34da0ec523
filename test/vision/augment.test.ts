import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../engine/privacy/index.ts';
import {
  alignedCrop,
  augmentedCrop,
  type CropRegion,
  drawAugmentation,
  type Frame,
  NO_AUGMENTATION,
} from '../../engine/vision/index.ts';

// A 160 × 120 frame with structure in every direction (gradients and a checkerboard).
const frame: Frame = (() => {
  const width = 160;
  const height = 120;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = ((x >> 3) + (y >> 3)) % 2 ? 200 : 40;
    }
  return { data, width, height };
})();
const region: CropRegion = { cx: 80, cy: 60, size: 64, angle: 0.1 };
const SIZE = 32;

describe('drawAugmentation', () => {
  it('is reproducible from the seed and stays within its ranges', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = drawAugmentation(seededRng(seed));
        expect(drawAugmentation(seededRng(seed))).toEqual(a);
        expect(Math.abs(a.rotateDeg)).toBeLessThanOrEqual(10);
        for (const s of a.shift) expect(Math.abs(s)).toBeLessThanOrEqual(0.06);
        expect(a.scale).toBeGreaterThanOrEqual(0.9);
        expect(a.scale).toBeLessThanOrEqual(1.1);
        expect(Math.abs(a.brightness)).toBeLessThanOrEqual(25);
        expect(a.contrast).toBeGreaterThanOrEqual(0.75);
        expect(a.contrast).toBeLessThanOrEqual(1.25);
        if (a.blurSigma !== null) expect(a.blurSigma).toBeGreaterThanOrEqual(0.5);
        if (a.jpegQuality !== null) expect(a.jpegQuality).toBeLessThanOrEqual(60);
      }),
      { numRuns: 50 },
    );
  });

  it('uses every option: over 200 draws some flip and some not, some blur, some re-compress', () => {
    const rng = seededRng(3);
    const draws = Array.from({ length: 200 }, () => drawAugmentation(rng));
    const share = (f: (a: (typeof draws)[number]) => boolean) => draws.filter(f).length / draws.length;
    for (const s of [
      share((a) => a.flip),
      share((a) => a.blurSigma !== null),
      share((a) => a.jpegQuality !== null),
    ]) {
      expect(s).toBeGreaterThan(0.35);
      expect(s).toBeLessThan(0.65);
    }
  });
});

describe('augmentedCrop', () => {
  it('without augmentation is the aligned crop rounded to 8 bits', async () => {
    const plain = alignedCrop(frame, region, SIZE);
    const crop = await augmentedCrop(frame, region, NO_AUGMENTATION, SIZE);
    expect(Array.from(crop)).toEqual(Array.from(plain, (v) => Math.round(v)));
  });

  it('mirrors, and maps brightness and contrast as (v − 128)·c + 128 + b, clamped', async () => {
    const base = await augmentedCrop(frame, region, NO_AUGMENTATION, SIZE);
    const flipped = await augmentedCrop(frame, region, { ...NO_AUGMENTATION, flip: true }, SIZE);
    const lit = await augmentedCrop(
      frame,
      region,
      { ...NO_AUGMENTATION, brightness: 40, contrast: 1.5 },
      SIZE,
    );
    const plain = alignedCrop(frame, region, SIZE);
    for (let y = 0; y < SIZE; y++)
      for (let x = 0; x < SIZE; x++)
        for (let c = 0; c < 3; c++) {
          const i = (y * SIZE + x) * 3 + c;
          expect(flipped[i]).toBe(base[(y * SIZE + SIZE - 1 - x) * 3 + c]);
          const v = ((plain[i] as number) - 128) * 1.5 + 168;
          expect(lit[i]).toBe(Math.round(Math.min(255, Math.max(0, v))));
        }
  });

  it('turns, shifts and rescales the region before sampling', async () => {
    const aug = { ...NO_AUGMENTATION, rotateDeg: 8, shift: [0.05, -0.04] as const, scale: 1.1 };
    const crop = await augmentedCrop(frame, region, aug, SIZE);
    const expected = alignedCrop(
      frame,
      { cx: 80 + 0.05 * 64, cy: 60 - 0.04 * 64, size: 64 * 1.1, angle: 0.1 + (8 * Math.PI) / 180 },
      SIZE,
    );
    expect(Array.from(crop)).toEqual(Array.from(expected, (v) => Math.round(v)));
  });

  it('blurs and re-compresses: pixels change, but only a little on average', async () => {
    const base = await augmentedCrop(frame, region, NO_AUGMENTATION, SIZE);
    for (const aug of [
      { ...NO_AUGMENTATION, blurSigma: 1.2 },
      { ...NO_AUGMENTATION, jpegQuality: 30 },
    ]) {
      const crop = await augmentedCrop(frame, region, aug, SIZE);
      let diff = 0;
      for (let i = 0; i < crop.length; i++) diff += Math.abs((crop[i] as number) - (base[i] as number));
      const mean = diff / crop.length;
      expect(mean, JSON.stringify(aug)).toBeGreaterThan(0.5);
      expect(mean, JSON.stringify(aug)).toBeLessThan(25);
    }
  });
});
