import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { VarvError } from '../../engine/errors.ts';
import {
  calibrate,
  genuinePairs,
  impostorPairs,
  loadStoreKey,
  seededRng,
} from '../../engine/privacy/index.ts';
import { calibrateOnSamples, faceSamples, Vision } from '../../engine/vision/index.ts';
import { DEFAULT_SENSORS } from '../../scenarios/sensors/index.ts';
import type { CommandResult } from './output.ts';

export type CalibrateOptions = {
  store: string;
  keyFile?: string;
  dim: number;
  angle: number;
  sd: number;
  pairs: number;
  consistency: number;
  groups: number;
  seed: number;
};

/**
 * `varv privacy calibrate`: chooses the quantiser for a target consistency on the parametric
 * noise model (identity + noise at a given angle) and reports what held-out pairs achieved.
 */
export function calibrateCommand(o: CalibrateOptions): CommandResult {
  const key = loadStoreKey(o.store, { keyFile: o.keyFile });
  const rng = seededRng(o.seed);
  const model = { dim: o.dim, angle: { meanDeg: o.angle, sdDeg: o.sd } };
  const r = calibrate(key, genuinePairs(model, o.pairs, rng), impostorPairs(model, o.pairs, rng), {
    consistency: o.consistency,
    groups: o.groups,
  });
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const q = r.quantizer;
  const lines = [
    `noise model: ${o.dim} dimensions, observation angle ${o.angle}° ± ${o.sd}°; ${o.pairs} genuine and ${o.pairs} impostor pairs (seed ${o.seed}); key ${key.fingerprint}`,
    `quantiser: ${q.projections} projections × ${q.nonzeros} nonzeros, buckets ${q.buckets.map((b) => +b.toFixed(3)).join(', ')}`,
    `same person, same interval: ${pct(r.genuine.p)} in the same group (95% CI ${pct(r.genuine.lo)}–${pct(r.genuine.hi)}, n = ${r.genuine.n} held out), target ${pct(r.target)}`,
    `two people: ${pct(r.impostor.p)} in the same group (95% CI ${pct(r.impostor.lo)}–${pct(r.impostor.hi)}); uniform would be ${pct(1 / r.groups)}`,
    `people are spread over about ${r.effectiveGroups.toFixed(1)} of ${r.groups} groups`,
  ];
  const ok = r.genuine.lo <= r.target && r.target <= r.genuine.hi;
  if (!ok)
    lines.push(
      'the target lies outside the held-out interval: the embedder is too noisy for this target, or use more pairs',
    );
  return { lines, summary: { command: 'privacy calibrate', ok, ...r }, code: ok ? 0 : 1 };
}

export type CalibrateEmbedderOptions = {
  store: string;
  keyFile?: string;
  /** Folder of photographs (JPEG/PNG); default: @vladmandic/face-api's demo folder. */
  images?: string;
  perFace: number;
  consistency: number;
  groups: number;
  seed: number;
  /** Write the summary (fitted noise model, quantiser, rates) to this JSON file. */
  out?: string;
};

/**
 * `varv privacy calibrate --embedder`: the same calibration on the real embedder. The faces of the
 * sample photographs are augmented and embedded (genuine pairs: two augmentations of one face;
 * impostor pairs: two faces); the quantiser is chosen for the target and the consistency is
 * reported on held-out pairs and, cross-validated, on faces the fit never saw. The simulator's
 * noise model is fitted to the genuine pairs and compared with its default.
 */
export async function calibrateEmbedderCommand(o: CalibrateEmbedderOptions): Promise<CommandResult> {
  const key = loadStoreKey(o.store, { keyFile: o.keyFile });
  const { dir, images } = readSampleImages(o.images);
  const vision = await Vision.open();
  let sampled: Awaited<ReturnType<typeof faceSamples>>;
  try {
    sampled = await faceSamples(vision, images, { perFace: o.perFace, seed: o.seed });
  } finally {
    await vision.release();
  }
  const { faces, samples } = sampled;
  if (faces < 8)
    throw new VarvError('E_CALIBRATION', `only ${faces} faces found in ${dir}; calibration needs at least 8`);
  const r = calibrateOnSamples(key, faces, samples, {
    consistency: o.consistency,
    groups: o.groups,
    seed: o.seed,
  });
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const deg = (a: { meanDeg: number; sdDeg: number }) => `${a.meanDeg.toFixed(1)}° ± ${a.sdDeg.toFixed(1)}°`;
  const q = r.calibration.quantizer;
  const cv = r.crossValidated;
  const sim = DEFAULT_SENSORS.noise.angle;
  const lines = [
    `embedder: ${faces} faces in ${images.length} photographs (${shown(dir)}), ${o.perFace} augmentations each (seed ${o.seed}); key ${key.fingerprint}`,
    `angle between two embeddings: same face ${deg(r.genuineAngle)} (${r.genuineAngle.n} pairs), two faces ${deg(r.impostorAngle)} (${r.impostorAngle.n} pairs); ROC AUC ${r.auc.toFixed(5)}`,
    `quantiser: ${q.projections} projections × ${q.nonzeros} nonzeros, buckets ${q.buckets.map((b) => +b.toFixed(3)).join(', ')}`,
    `same person, same interval: ${pct(r.calibration.genuine.p)} in the same group (95% CI ${pct(r.calibration.genuine.lo)}–${pct(r.calibration.genuine.hi)}, n = ${r.calibration.genuine.n} held-out pairs), target ${pct(r.calibration.target)}`,
    `on faces the fit never saw (${cv.folds}-fold by face): ${pct(cv.genuine.p)} (95% CI ${pct(cv.genuine.lo)}–${pct(cv.genuine.hi)} over ${cv.genuine.faces} faces, ${cv.genuine.pairs} pairs)`,
    `two people: ${pct(cv.impostor.p)} in the same group (95% CI ${pct(cv.impostor.lo)}–${pct(cv.impostor.hi)}); uniform would be ${pct(1 / o.groups)}; people are spread over about ${r.calibration.effectiveGroups.toFixed(1)} of ${o.groups} groups`,
    `noise model fitted to the genuine pairs (${r.noise.model.dim} d): observation angle ${deg(r.noise.model.angle)}; centred on the mean face (two people then ${r.noiseCentred.impostorAngle.meanDeg.toFixed(1)}° apart, as the simulator's are): ${deg(r.noiseCentred.model.angle)}; the simulator's default is ${deg(sim)}`,
  ];
  const within = (p: { lo: number; hi: number }) => p.lo <= o.consistency && o.consistency <= p.hi;
  const ok = within(r.calibration.genuine) && within(cv.genuine);
  if (!ok)
    lines.push(
      'the target lies outside a held-out interval: the embedder is too noisy for this target, or use more faces or augmentations',
    );
  const summary = {
    command: 'privacy calibrate',
    source: 'embedder',
    ok,
    images: images.length,
    perFace: o.perFace,
    seed: o.seed,
    key: key.fingerprint,
    ...r,
  };
  if (o.out) {
    writeFileSync(o.out, `${JSON.stringify(summary, null, 2)}\n`);
    lines.push(`wrote ${shown(o.out)}`);
  }
  return { lines, summary, code: ok ? 0 : 1 };
}

const shown = (path: string) => relative(process.cwd(), path) || path;

/**
 * The JPEG and PNG files of a folder, by name; by default the sample photographs of
 * @vladmandic/face-api (sample1…6.jpg: its screenshots show the same faces again).
 */
function readSampleImages(folder?: string): { dir: string; images: Uint8Array[] } {
  let dir = folder;
  const pattern = folder ? /\.(jpe?g|png)$/i : /^sample\d+\.jpg$/;
  if (!dir) {
    try {
      dir = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')), '..', 'demo');
    } catch {
      throw new VarvError(
        'E_USAGE',
        'no photographs to calibrate on: pass --images <folder> (the default, @vladmandic/face-api’s demo folder, is a dev dependency and is not installed)',
      );
    }
  }
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => pattern.test(n))
      .sort();
  } catch (e) {
    throw new VarvError('E_USAGE', `cannot read the folder of photographs ${dir}: ${(e as Error).message}`);
  }
  if (names.length === 0) throw new VarvError('E_USAGE', `no .jpg or .png photographs in ${dir}`);
  return { dir, images: names.map((n) => readFileSync(join(dir, n))) };
}
