import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LifetimeHistogram } from '../../engine/privacy/index.ts';
import { decodeImage, dot, iou, Vision } from '../../engine/vision/index.ts';

// The live path's three steps (find faces on a small detection frame, cut patches from the full
// frame and wipe it, describe one face at a time) against the whole-frame path, on sample
// photographs of @vladmandic/face-api (1920 px wide, decoded at 1280).

const demo = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')), '..', 'demo');
const clock = { now: () => Date.now(), monotonic: () => performance.now() };

let vision: Vision;
beforeAll(async () => {
  vision = await Vision.open();
});
afterAll(() => vision.release());

describe('the live steps of Vision', () => {
  it('find the faces the whole frame shows, cut them from a frame wiped at once, and describe them as the whole-frame path does', async () => {
    const detection = new LifetimeHistogram();
    const frame = new LifetimeHistogram();
    for (const n of [1, 5]) {
      const bytes = readFileSync(join(demo, `sample${n}.jpg`));
      const copy = Uint8Array.from(bytes);
      const whole = await decodeImage(bytes);
      const reference = await vision.analyse(whole);

      const found = await vision.findFaces(bytes, {}, { clock, histogram: detection });
      // The size of the frame decodeImage gives, without decoding it (give or take rounding).
      expect(Math.abs(found.width - whole.width)).toBeLessThanOrEqual(2);
      expect(Math.abs(found.height - whole.height)).toBeLessThanOrEqual(2);
      // The same faces, in the same places (the detector sees a 256-px square either way).
      expect(found.detections.length).toBe(reference.length);
      const matched = found.detections.map((d) => {
        const best = reference
          .map((r, i) => ({ i, overlap: iou(d.box, r.detection.box) }))
          .sort((a, b) => b.overlap - a.overlap)[0];
        expect(best?.overlap, `sample${n}`).toBeGreaterThan(0.8);
        return best?.i as number;
      });
      expect(new Set(matched).size).toBe(matched.length);

      const patches = await vision.cutFaces(bytes, found, found.detections, {}, { clock, histogram: frame });
      for (const [k, patch] of patches.entries()) {
        expect(patch.born).toBeGreaterThan(0);
        // A patch is the face's neighbourhood, far less than the frame.
        expect(patch.pixels.data.length).toBeLessThan(whole.data.length / 8);
        const d = await vision.describePatch(patch);
        expect(patch.pixels.data.every((b) => b === 0)).toBe(true);
        const ref = reference[matched[k] as number];
        expect(dot(d.embedding, ref?.embedding as Float32Array)).toBeGreaterThan(0.95);
        expect(d.gender).not.toBe('man');
      }
      // The encoded bytes are the caller's: left as they were.
      expect(Buffer.compare(bytes, copy)).toBe(0);
    }
    // One detection frame and one full frame per photograph, each timed from decoded to wiped.
    expect([detection.count, frame.count]).toEqual([2, 2]);
    expect(frame.max).toBeGreaterThan(0);
  });

  it('rejects what does not decode with E_IMAGE before looking for faces', async () => {
    await expect(vision.findFaces(new Uint8Array(0))).rejects.toMatchObject({ code: 'E_IMAGE' });
    await expect(vision.findFaces(Uint8Array.from([0xff, 0xd8, 0xff, 0x00, 1, 2, 3]))).rejects.toMatchObject({
      code: 'E_IMAGE',
    });
  });
});
