import {
  type CalibrationReport,
  calibrate,
  type EmbeddingPair,
  GroupAssigner,
  type GroupSettings,
  type IntervalName,
  intervalNames,
  type StoreKey,
  seededRng,
} from '../privacy/index.ts';
import { type FaceSample, samplePairs } from './embedderPairs.ts';
import { type AngleStats, fitNoiseModel, type NoiseModelFit, pairAngles } from './fitNoiseModel.ts';
import { dot, l2normalize } from './l2normalize.ts';
import { rocAuc } from './rocAuc.ts';

export type EmbedderCalibrationOptions = {
  /** Target P(same group | same person, same interval). */
  consistency: number;
  groups: number;
  /** Faces are split into this many folds (face f in fold f mod folds) for cross-validation. Default 4. */
  folds?: number;
  /** At most this many impostor pairs per fit (a reproducible random subset). Default 4000. */
  maxImpostor?: number;
  /** Resamples of the faces for the cross-validated interval. Default 2000. */
  bootstrap?: number;
  seed?: number | string;
  maxProjections?: number;
  nonzeros?: number;
};

/** A rate measured over faces: pooled over their pairs, with a 95% interval from resampling faces. */
export type FaceRate = { p: number; lo: number; hi: number; pairs: number; faces: number };

export type EmbedderCalibrationReport = {
  faces: number;
  samples: number;
  /** Genuine/impostor separation by cosine similarity over all pairs of all faces. */
  auc: number;
  genuineAngle: AngleStats;
  impostorAngle: AngleStats;
  /**
   * calibrate() on the pairs of all faces: the quantiser to deploy, and the consistency on its
   * held-out quarter of the pairs (pairs it did not fit, of faces it did), Wilson 95% interval.
   */
  calibration: CalibrationReport;
  /**
   * Each fold of faces assigned with a quantiser calibrated on the other folds' faces only: the
   * consistency on people the fit never saw. Its interval resamples faces, not pairs (a face's
   * pairs are alike: some faces change more under augmentation than others).
   */
  crossValidated: { folds: number; genuine: FaceRate; impostor: FaceRate };
  /** The simulator's noise model fitted to all genuine pairs, as they are. */
  noise: NoiseModelFit;
  /**
   * The same after centring the embeddings on the mean face and renormalising: the simulator's
   * people are random unit vectors (two people ≈ 90° apart), the real ones share a mean direction.
   */
  noiseCentred: NoiseModelFit & { impostorAngle: AngleStats };
};

const settingsFor = (groups: number): GroupSettings => ({
  groups,
  rotation: 'none',
  intervals: ['06:00', '11:00', '14:00'],
  timezone: 'UTC',
});

/**
 * Calibrates the privacy core on the real embedder's face samples. calibrate() on all faces'
 * pairs gives the quantiser for the target consistency; then, fold by fold, the faces of one fold
 * are assigned with a quantiser calibrated without them (the whole assignment, pairs taking turns
 * over 3 intervals × 8 key epochs), which measures the consistency reached on unseen people, with
 * a 95% interval from a bootstrap over faces. Also fits the simulator's noise model.
 */
export function calibrateOnSamples(
  key: StoreKey,
  faces: number,
  samples: readonly FaceSample[],
  opts: EmbedderCalibrationOptions,
): EmbedderCalibrationReport {
  const folds = opts.folds ?? 4;
  const maxImpostor = opts.maxImpostor ?? 4000;
  const rng = seededRng(`embedder-calibration|${opts.seed ?? 1}`);
  const calibrateOn = (keep: (f: number) => boolean) => {
    const fit = samplePairs(samples, { keep, maxImpostor, rng });
    return calibrate(key, fit.genuine, fit.impostor, {
      consistency: opts.consistency,
      groups: opts.groups,
      maxProjections: opts.maxProjections,
      nonzeros: opts.nonzeros,
    });
  };
  const calibration = calibrateOn(() => true);

  // Per face: genuine pairs in one group, of how many; impostor pairs likewise (by first face).
  const genuine = new Float64Array(2 * faces);
  const impostor = new Float64Array(2 * faces);
  for (let fold = 0; fold < folds; fold++) {
    const inFold = (f: number) => f % folds === fold;
    const assigner = new GroupAssigner(
      key,
      settingsFor(opts.groups),
      calibrateOn((f) => !inFold(f)).quantizer,
    );
    const kept = samples.filter((s) => inFold(s.face));
    let n = 0;
    for (let a = 0; a < kept.length; a++)
      for (let b = a + 1; b < kept.length; b++) {
        const [p, q] = [kept[a] as FaceSample, kept[b] as FaceSample];
        const interval = intervalNames[n % 3] as IntervalName;
        const epoch = Math.floor(n / 3) % 8;
        n++;
        const same =
          assigner.groupIn(p.embedding, epoch, interval) === assigner.groupIn(q.embedding, epoch, interval);
        const counts = p.face === q.face ? genuine : impostor;
        counts[2 * p.face] = (counts[2 * p.face] as number) + (same ? 1 : 0);
        counts[2 * p.face + 1] = (counts[2 * p.face + 1] as number) + 1;
      }
  }
  const boot = seededRng(`embedder-calibration-bootstrap|${opts.seed ?? 1}`);
  const B = opts.bootstrap ?? 2000;

  const all = samplePairs(samples, { rng });
  const cos = (pairs: readonly EmbeddingPair[]) => pairs.map(([a, b]) => dot(a, b));
  const centred = samplePairs(centre(samples), { rng });
  const centredFit = fitNoiseModel(centred.genuine, opts.seed);
  return {
    faces,
    samples: samples.length,
    auc: rocAuc(cos(all.genuine), cos(all.impostor)),
    genuineAngle: pairAngles(all.genuine),
    impostorAngle: pairAngles(all.impostor),
    calibration,
    crossValidated: {
      folds,
      genuine: faceRate(genuine, B, boot),
      impostor: faceRate(impostor, B, boot),
    },
    noise: fitNoiseModel(all.genuine, opts.seed),
    noiseCentred: { ...centredFit, impostorAngle: pairAngles(centred.impostor) },
  };
}

/**
 * The pooled rate of per-face counts (successes, trials interleaved) and its percentile bootstrap
 * interval: faces resampled with replacement, pooled again.
 */
function faceRate(counts: Float64Array, resamples: number, rng: () => number): FaceRate {
  const ids: number[] = [];
  for (let f = 0; 2 * f < counts.length; f++) if ((counts[2 * f + 1] as number) > 0) ids.push(f);
  const pooled = (pick: () => number) => {
    let s = 0;
    let n = 0;
    for (let i = 0; i < ids.length; i++) {
      const f = pick();
      s += counts[2 * f] as number;
      n += counts[2 * f + 1] as number;
    }
    return s / n;
  };
  let i = 0;
  const p = pooled(() => ids[i++] as number);
  const draws = Array.from({ length: resamples }, () =>
    pooled(() => ids[Math.floor(rng() * ids.length)] as number),
  ).sort((a, b) => a - b);
  let pairs = 0;
  for (const f of ids) pairs += counts[2 * f + 1] as number;
  return {
    p,
    lo: Math.min(p, draws[Math.floor(0.025 * resamples)] as number),
    hi: Math.max(p, draws[Math.ceil(0.975 * resamples) - 1] as number),
    pairs,
    faces: ids.length,
  };
}

/** The samples moved so that the mean of the faces' mean embeddings is the origin, renormalised. */
function centre(samples: readonly FaceSample[]): FaceSample[] {
  const dim = (samples[0] as FaceSample).embedding.length;
  const byFace = new Map<number, FaceSample[]>();
  for (const s of samples) byFace.set(s.face, [...(byFace.get(s.face) ?? []), s]);
  const mean = new Float64Array(dim);
  for (const group of byFace.values())
    for (const s of group)
      for (let i = 0; i < dim; i++)
        mean[i] = (mean[i] as number) + (s.embedding[i] as number) / group.length / byFace.size;
  return samples.map((s) => ({
    ...s,
    embedding: l2normalize(s.embedding.map((v, i) => v - (mean[i] as number))),
  }));
}
