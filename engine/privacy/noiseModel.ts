import { VarvError } from '../errors.ts';
import { gaussian, type Rng } from './random.ts';

/**
 * A parametric stand-in for a face embedder: each person has a fixed identity vector (a random
 * unit vector); each observation of them is that vector turned away by an angle θ in a random
 * direction, with θ ~ |Normal(meanDeg, sdDeg)| (capped at 89°). Equivalent to identity plus
 * isotropic Gaussian noise whose size varies between observations. The real embedder's
 * genuine/impostor pairs replace it once a model is in place.
 */
export type NoiseModel = { dim: number; angle: { meanDeg: number; sdDeg: number } };

export type EmbeddingPair = readonly [Float32Array, Float32Array];

/** A random unit vector: one person's identity. */
export function randomIdentity(dim: number, rng: Rng): Float32Array {
  const v = new Float32Array(dim);
  let n2 = 0;
  for (let i = 0; i < dim; i++) {
    const g = gaussian(rng);
    v[i] = g;
    n2 += g * g;
  }
  const inv = 1 / Math.sqrt(n2);
  for (let i = 0; i < dim; i++) v[i] = (v[i] as number) * inv;
  return v;
}

/** One observation (embedding) of a person, per the noise model. */
export function observe(identity: Float32Array, model: NoiseModel, rng: Rng): Float32Array {
  const dim = identity.length;
  if (dim !== model.dim)
    throw new VarvError('E_EMBEDDING', `identity has ${dim} dimensions, the model ${model.dim}`);
  const theta =
    (Math.min(89, Math.abs(model.angle.meanDeg + model.angle.sdDeg * gaussian(rng))) * Math.PI) / 180;
  // A random direction orthogonal to the identity.
  const g = new Float64Array(dim);
  let dot = 0;
  for (let i = 0; i < dim; i++) {
    g[i] = gaussian(rng);
    dot += (g[i] as number) * (identity[i] as number);
  }
  let n2 = 0;
  for (let i = 0; i < dim; i++) {
    g[i] = (g[i] as number) - dot * (identity[i] as number);
    n2 += (g[i] as number) ** 2;
  }
  const c = Math.cos(theta);
  const s = Math.sin(theta) / Math.sqrt(n2);
  const out = new Float32Array(dim);
  for (let i = 0; i < dim; i++) out[i] = c * (identity[i] as number) + s * (g[i] as number);
  return out;
}

/** `n` pairs of two observations of the same person (a new person each pair). */
export function genuinePairs(model: NoiseModel, n: number, rng: Rng): EmbeddingPair[] {
  return Array.from({ length: n }, () => {
    const id = randomIdentity(model.dim, rng);
    return [observe(id, model, rng), observe(id, model, rng)] as const;
  });
}

/** `n` pairs of observations of two different people. */
export function impostorPairs(model: NoiseModel, n: number, rng: Rng): EmbeddingPair[] {
  return Array.from(
    { length: n },
    () =>
      [
        observe(randomIdentity(model.dim, rng), model, rng),
        observe(randomIdentity(model.dim, rng), model, rng),
      ] as const,
  );
}
