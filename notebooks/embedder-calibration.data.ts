// Data for embedder-calibration.html: the real embedder's genuine and impostor pairs, recomputed
// exactly as `varv privacy calibrate --embedder` makes them (sample photographs of
// @vladmandic/face-api, 8 seeded augmentations per face, FaceRes embeddings), beside the fit that
// command wrote to models/calibration.json, and pair angles drawn from the simulator's noise
// models (the fitted one and the simulator's default).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { genuinePairs, type NoiseModel, seededRng } from '../engine/privacy/index.ts';
import { angleDeg, dot, faceSamples, rocAuc, samplePairs, Vision } from '../engine/vision/index.ts';
import { DEFAULT_SENSORS } from '../scenarios/sensors/index.ts';
import type { DataLoader } from './kit/dataLoader.ts';

const CALIBRATION = 'models/calibration.json';
/** Monte Carlo pairs per noise model. */
const MODEL_PAIRS = 3000;

type Calibration = {
  seed: number;
  perFace: number;
  auc: number;
  genuineAngle: { meanDeg: number; sdDeg: number; n: number };
  noise: { model: NoiseModel };
};

const round = (x: number) => Math.round(x * 100) / 100;

const loader: DataLoader = {
  inputs: [CALIBRATION],
  async load() {
    const calibration = JSON.parse(readFileSync(CALIBRATION, 'utf8')) as Calibration;
    const dir = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')), '..', 'demo');
    const names = readdirSync(dir)
      .filter((n) => /^sample\d+\.jpg$/.test(n))
      .sort();
    const vision = await Vision.open();
    let sampled: Awaited<ReturnType<typeof faceSamples>>;
    try {
      sampled = await faceSamples(
        vision,
        names.map((n) => readFileSync(join(dir, n))),
        { perFace: calibration.perFace, seed: calibration.seed },
      );
    } finally {
      await vision.release();
    }
    const pairs = samplePairs(sampled.samples);
    const angles = (ps: typeof pairs.genuine) => ps.map(([a, b]) => round(angleDeg(a, b)));
    const cos = (ps: typeof pairs.genuine) => ps.map(([a, b]) => dot(a, b));
    const modelAngles = (model: NoiseModel, seed: string) =>
      angles(genuinePairs(model, MODEL_PAIRS, seededRng(seed)));
    return {
      photographs: names.length,
      faces: sampled.faces,
      samples: sampled.samples.length,
      perFace: calibration.perFace,
      seed: calibration.seed,
      genuine: angles(pairs.genuine),
      impostor: angles(pairs.impostor),
      auc: rocAuc(cos(pairs.genuine), cos(pairs.impostor)),
      calibration,
      models: {
        fitted: { model: calibration.noise.model, angles: modelAngles(calibration.noise.model, 'nb-fitted') },
        simulator: {
          model: DEFAULT_SENSORS.noise,
          angles: modelAngles(DEFAULT_SENSORS.noise, 'nb-simulator'),
        },
      },
    };
  },
};

export default loader;
