import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LifetimeHistogram } from '../../engine/privacy/index.ts';
import {
  type DescribeHooks,
  dot,
  type FaceDescription,
  type LiveVision,
  Vision,
  VisionWorkers,
} from '../../engine/vision/index.ts';

// The live steps in a worker thread give what they give in this one, with the same lifetimes
// reported; errors come back as the same VarvErrors.

const demo = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')), '..', 'demo');
const clock = { now: () => Date.now(), monotonic: () => performance.now() };

let here: Vision;
let workers: VisionWorkers;
beforeAll(async () => {
  [here, workers] = await Promise.all([Vision.open(), VisionWorkers.open({ workers: 1 })]);
}, 60_000);
afterAll(async () => {
  await here.release();
  await workers.release();
});

async function run(vision: LiveVision, bytes: Uint8Array) {
  const h = {
    detection: new LifetimeHistogram(),
    frame: new LifetimeHistogram(),
    crop: new LifetimeHistogram(),
  };
  const found = await vision.findFaces(bytes, {}, { clock, histogram: h.detection });
  const faces: FaceDescription[] = [];
  const events: string[] = [];
  const hooks: DescribeHooks = {
    clock,
    frame: h.frame,
    crop: h.crop,
    cut: () => events.push('cut'),
    described: (i, d) => {
      events.push(`face ${i}`);
      faces.push({ ...d, embedding: Float32Array.from(d.embedding) });
      d.embedding.fill(0);
    },
  };
  await vision.describeFaces(bytes, found, found.detections, {}, hooks);
  return { found, faces, events, h };
}

describe('VisionWorkers', () => {
  it('finds and describes the faces of a frame as Vision does in this thread, reporting the same lifetimes', async () => {
    const bytes = readFileSync(join(demo, 'sample2.jpg'));
    const copy = Uint8Array.from(bytes);
    const a = await run(here, bytes);
    const b = await run(workers, bytes);
    expect(b.found).toEqual(a.found);
    expect(b.events).toEqual(['cut', 'face 0', 'face 1', 'face 2']);
    expect(b.events).toEqual(a.events);
    for (const [i, f] of b.faces.entries()) {
      expect(dot(f.embedding, a.faces[i]?.embedding as Float32Array)).toBeGreaterThan(0.9999);
      expect([f.gender, f.age]).toEqual([a.faces[i]?.gender, a.faces[i]?.age]);
    }
    expect([b.h.detection.count, b.h.frame.count, b.h.crop.count]).toEqual([1, 1, 3]);
    expect(b.h.crop.max).toBeGreaterThan(0);
    // The caller's bytes are untouched (the worker had its own copy).
    expect(Buffer.compare(bytes, copy)).toBe(0);
  });

  it('sends back what does not decode as E_IMAGE, and fails with E_VISION once released', async () => {
    await expect(workers.findFaces(Uint8Array.from([0xff, 0xd8, 1, 2, 3]))).rejects.toMatchObject({
      code: 'E_IMAGE',
      message: /cannot decode the image/,
    });
    const spare = await VisionWorkers.open({ workers: 1 });
    await spare.release();
    await expect(spare.findFaces(readFileSync(join(demo, 'sample1.jpg')))).rejects.toMatchObject({
      code: 'E_VISION',
    });
  }, 60_000);
});
