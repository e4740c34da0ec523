import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genuinePairs, StoreKey, seededRng } from '../../engine/privacy/index.ts';
import {
  calibrateOnSamples,
  dot,
  type FaceSample,
  faceSamples,
  fitNoiseModel,
  rocAuc,
  samplePairs,
  Vision,
} from '../../engine/vision/index.ts';

// The privacy core calibrated on the real embedder: 8 augmentations (mirror, ±10° turn, shift and
// scale, brightness and contrast, blur, JPEG re-compression) of each of the 22 faces in the sample
// photographs of @vladmandic/face-api (MIT), embedded by FaceRes through onnxruntime-node.

const demo = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')), '..', 'demo');
const images = [1, 2, 3, 4, 5, 6].map((i) => readFileSync(join(demo, `sample${i}.jpg`)));
const key = StoreKey.parse('calibration-test', 'c4'.repeat(32));
const PER_FACE = 8;
const SEED = 1;
/** The genuine/impostor separation the test requires (measured: 0.99999). */
const MIN_AUC = 0.99;

let vision: Vision;
let faces: number;
let samples: FaceSample[];

beforeAll(async () => {
  vision = await Vision.open();
  ({ faces, samples } = await faceSamples(vision, images, { perFace: PER_FACE, seed: SEED }));
}, 60_000);
afterAll(() => vision.release());

describe('pairs from the real embedder', () => {
  it(`finds the 22 faces, embeds ${PER_FACE} augmentations of each, and separates genuine from impostor pairs (ROC AUC > ${MIN_AUC})`, () => {
    expect(faces).toBe(22);
    expect(samples.length).toBe(22 * PER_FACE);
    for (const s of samples) expect(dot(s.embedding, s.embedding)).toBeCloseTo(1, 5);
    const { genuine, impostor } = samplePairs(samples);
    expect(genuine.length).toBe((22 * PER_FACE * (PER_FACE - 1)) / 2);
    expect(impostor.length).toBe((22 * PER_FACE * (22 * PER_FACE - 1)) / 2 - genuine.length);
    const auc = rocAuc(
      genuine.map(([a, b]) => dot(a, b)),
      impostor.map(([a, b]) => dot(a, b)),
    );
    console.info(
      `ROC AUC ${auc.toFixed(5)} over ${genuine.length} genuine and ${impostor.length} impostor pairs`,
    );
    expect(auc).toBeGreaterThan(MIN_AUC);
  });

  it('is deterministic from the seed: the same draws give the same embeddings, another seed others', async () => {
    const again = await faceSamples(vision, images.slice(0, 1), { perFace: 3, seed: SEED });
    expect(again.faces).toBe(3);
    // Face 0's first three augmentations are drawn first under either count.
    for (let k = 0; k < 3; k++)
      expect(Array.from((again.samples[k] as FaceSample).embedding)).toEqual(
        Array.from((samples[k] as FaceSample).embedding),
      );
    const other = await faceSamples(vision, images.slice(0, 1), { perFace: 3, seed: SEED + 1 });
    expect(
      dot((other.samples[0] as FaceSample).embedding, (samples[0] as FaceSample).embedding),
    ).toBeLessThan(0.9999);
  });
});

describe('calibration of the privacy core on the real embedder', () => {
  it('reaches consistency 0.5: the target lies within the 95% interval on held-out pairs and on unseen faces', () => {
    const opts = { consistency: 0.5, groups: 256, seed: SEED };
    const r = calibrateOnSamples(key, faces, samples, opts);
    const { genuine } = r.calibration;
    const cv = r.crossValidated;
    console.info(
      `quantiser ${r.calibration.quantizer.projections} × [${r.calibration.quantizer.buckets.map((b) => b.toFixed(2))}]; held-out pairs ${genuine.p.toFixed(3)} [${genuine.lo.toFixed(3)}, ${genuine.hi.toFixed(3)}] (n ${genuine.n}); unseen faces ${cv.genuine.p.toFixed(3)} [${cv.genuine.lo.toFixed(3)}, ${cv.genuine.hi.toFixed(3)}] (${cv.genuine.faces} faces); two people ${cv.impostor.p.toFixed(3)}; effective groups ${r.calibration.effectiveGroups.toFixed(1)}`,
    );
    expect(genuine.n).toBeGreaterThanOrEqual(150);
    expect(genuine.lo).toBeLessThanOrEqual(0.5);
    expect(genuine.hi).toBeGreaterThanOrEqual(0.5);
    expect(cv.genuine.faces).toBe(22);
    expect(cv.genuine.lo).toBeLessThanOrEqual(0.5);
    expect(cv.genuine.hi).toBeGreaterThanOrEqual(0.5);
    // Two people share a group far less often than one person does (but far more than 1/256).
    expect(cv.impostor.hi).toBeLessThan(cv.genuine.lo);
    // Reproducible: the same samples, key and seed give the same report.
    expect(calibrateOnSamples(key, faces, samples, opts)).toEqual(r);
  });

  it("fits the simulator's noise model to the genuine pairs: its predicted pair angles match the observed ones", () => {
    const { noise, noiseCentred } = calibrateOnSamples(key, faces, samples, {
      consistency: 0.5,
      groups: 256,
      seed: SEED,
      bootstrap: 10,
    });
    for (const fit of [noise, noiseCentred]) {
      expect(fit.model.dim).toBe(1024);
      expect(fit.predicted.meanDeg).toBeCloseTo(fit.observed.meanDeg, 1);
      expect(fit.predicted.sdDeg).toBeCloseTo(fit.observed.sdDeg, 1);
    }
    // Centred on the mean face, two people are about orthogonal, as the simulator's are.
    expect(Math.abs(noiseCentred.impostorAngle.meanDeg - 90)).toBeLessThan(5);
    console.info(
      `noise model: ${noise.model.angle.meanDeg.toFixed(1)}° ± ${noise.model.angle.sdDeg.toFixed(1)}° as is, ${noiseCentred.model.angle.meanDeg.toFixed(1)}° ± ${noiseCentred.model.angle.sdDeg.toFixed(1)}° centred`,
    );
  });
});

describe('fitNoiseModel', () => {
  it('recovers the parameters of pairs drawn from the noise model itself', () => {
    for (const [dim, meanDeg, sdDeg] of [
      [128, 10, 2.5],
      [1024, 20, 6],
    ] as const) {
      const pairs = genuinePairs({ dim, angle: { meanDeg, sdDeg } }, 1500, seededRng(dim));
      const fit = fitNoiseModel(pairs);
      expect(fit.model.dim).toBe(dim);
      expect(Math.abs(fit.model.angle.meanDeg - meanDeg)).toBeLessThan(0.6);
      expect(Math.abs(fit.model.angle.sdDeg - sdDeg)).toBeLessThan(0.6);
    }
  });
});
