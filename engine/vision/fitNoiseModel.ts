import { VarvError } from '../errors.ts';
import { type EmbeddingPair, gaussian, type NoiseModel, seededRng } from '../privacy/index.ts';
import { dot } from './l2normalize.ts';

/** Mean and standard deviation of angles, in degrees. */
export type AngleStats = { meanDeg: number; sdDeg: number; n: number };

export type NoiseModelFit = {
  /** The simulator's model with the fitted observation angle, in the embeddings' dimension. */
  model: NoiseModel;
  /** The angle between the two embeddings of a pair, as observed. */
  observed: AngleStats;
  /** The same, as the fitted model predicts it (Monte Carlo). */
  predicted: AngleStats;
};

const DEG = 180 / Math.PI;

/** The angle (degrees) between two unit vectors. */
export function angleDeg(a: Float32Array, b: Float32Array): number {
  const c = dot(a, b);
  return Math.acos(Math.max(-1, Math.min(1, c))) * DEG;
}

/** Mean and (sample) standard deviation of the angles between the two embeddings of each pair. */
export function pairAngles(pairs: readonly EmbeddingPair[]): AngleStats {
  const xs = pairs.map(([a, b]) => angleDeg(a, b));
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, n - 1));
  return { meanDeg: mean, sdDeg: sd, n };
}

/** Draws per Monte Carlo estimate (the same draws for every candidate, so the fit is smooth). */
const DRAWS = 20_000;

/**
 * Fits the simulator's parametric noise model (privacy/noiseModel: each observation is the
 * identity turned by θ ~ |Normal(mean, sd)|, capped at 89°, in a random direction) to genuine
 * pairs of a real embedder, by matching the mean and standard deviation of the angle between a
 * pair's two embeddings. Under the model that angle φ has cos φ = cos θ₁ cos θ₂ + sin θ₁ sin θ₂ · u
 * with u the cosine between two random directions orthogonal to the identity (≈ Normal(0,
 * 1/(dim − 1))); its moments are estimated by Monte Carlo with common random numbers, and the two
 * parameters found by nested bisection (φ's mean grows with θ's mean, its spread with θ's sd).
 */
export function fitNoiseModel(genuine: readonly EmbeddingPair[], seed: number | string = 1): NoiseModelFit {
  if (genuine.length < 10) throw new VarvError('E_CALIBRATION', 'fitting the noise model needs ≥ 10 pairs');
  const dim = (genuine[0] as EmbeddingPair)[0].length;
  const observed = pairAngles(genuine);
  const rng = seededRng(`noise-fit|${seed}`);
  const z1 = Float64Array.from({ length: DRAWS }, () => gaussian(rng));
  const z2 = Float64Array.from({ length: DRAWS }, () => gaussian(rng));
  const u = Float64Array.from({ length: DRAWS }, () => gaussian(rng) / Math.sqrt(dim - 1));
  const predict = (meanDeg: number, sdDeg: number): AngleStats => {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < DRAWS; i++) {
      const t1 = Math.min(89, Math.abs(meanDeg + sdDeg * (z1[i] as number))) / DEG;
      const t2 = Math.min(89, Math.abs(meanDeg + sdDeg * (z2[i] as number))) / DEG;
      const c =
        Math.cos(t1) * Math.cos(t2) + Math.sin(t1) * Math.sin(t2) * Math.max(-1, Math.min(1, u[i] as number));
      const phi = Math.acos(Math.max(-1, Math.min(1, c))) * DEG;
      s += phi;
      s2 += phi * phi;
    }
    const mean = s / DRAWS;
    return { meanDeg: mean, sdDeg: Math.sqrt(Math.max(0, s2 / DRAWS - mean * mean)), n: DRAWS };
  };
  // For a given sd, the mean θ whose φ has the observed mean.
  const meanFor = (sdDeg: number) => {
    let lo = 0;
    let hi = 89;
    for (let it = 0; it < 30; it++) {
      const mid = (lo + hi) / 2;
      if (predict(mid, sdDeg).meanDeg < observed.meanDeg) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  let lo = 0;
  let hi = 45;
  for (let it = 0; it < 20; it++) {
    const mid = (lo + hi) / 2;
    if (predict(meanFor(mid), mid).sdDeg < observed.sdDeg) lo = mid;
    else hi = mid;
  }
  const sdDeg = (lo + hi) / 2;
  const meanDeg = meanFor(sdDeg);
  return { model: { dim, angle: { meanDeg, sdDeg } }, observed, predicted: predict(meanDeg, sdDeg) };
}
