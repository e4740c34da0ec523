import { VarvError } from '../errors.ts';
import type { Rng } from './random.ts';

/** A draw from Laplace(0, scale) by inverting its CDF. */
export function laplace(scale: number, rng: Rng): number {
  if (!(scale > 0 && Number.isFinite(scale)))
    throw new VarvError('E_CONFIG', `a Laplace scale must be positive and finite, got ${scale}`);
  let u = rng() - 0.5;
  while (u === -0.5) u = rng() - 0.5;
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/**
 * A draw from the discrete Laplace (two-sided geometric) distribution with P(x) ∝ exp(−|x|/scale):
 * the difference of two geometric draws. Integer-valued, so a noisy count stays a count.
 */
export function discreteLaplace(scale: number, rng: Rng): number {
  if (!(scale > 0 && Number.isFinite(scale))) {
    throw new VarvError('E_CONFIG', `a discrete Laplace scale must be positive and finite, got ${scale}`);
  }
  const q = Math.exp(-1 / scale);
  const geometric = () => {
    let u = rng();
    while (u === 0) u = rng();
    return Math.floor(Math.log(u) / Math.log(q));
  };
  return geometric() - geometric();
}
