import { createCipheriv } from 'node:crypto';
import { VarvError } from '../errors.ts';
import type { StoreKey } from './keys.ts';

/**
 * Secret sparse random projections of an embedding (very sparse random projections, Li, Hastie
 * & Church 2006): projection j sums `nonzeros` coordinates with secret signs, scaled by
 * 1/√nonzeros, after the embedding is L2-normalised. Sparse, so that a 512-dimensional
 * embedding costs one pass to normalise plus a few hundred additions, not k full dot products.
 * The choice of coordinates and signs comes from the store key.
 */
export class Projector {
  readonly dim: number;
  readonly count: number;
  readonly nonzeros: number;
  /** Coordinate index of each nonzero, projection-major. */
  private readonly index: Int32Array;
  /** ±1/√nonzeros for each nonzero. */
  private readonly weight: Float64Array;

  constructor(key: StoreKey, dim: number, count: number, nonzeros: number) {
    if (!Number.isInteger(dim) || dim < 2)
      throw new VarvError('E_EMBEDDING', `an embedding needs at least 2 dimensions, got ${dim}`);
    this.dim = dim;
    this.count = count;
    this.nonzeros = Math.min(nonzeros, dim);
    const s = this.nonzeros;
    // The stream does not depend on `count`: the first k projections of a longer set are the same.
    const stream = keystream(key, `projections|${dim}|${s}`);
    this.index = new Int32Array(count * s);
    this.weight = new Float64Array(count * s);
    const scale = 1 / Math.sqrt(s);
    const order = new Int32Array(dim);
    for (let j = 0; j < count; j++) {
      // Partial Fisher–Yates: s distinct coordinates.
      for (let i = 0; i < dim; i++) order[i] = i;
      for (let i = 0; i < s; i++) {
        const r = i + stream.below(dim - i);
        const tmp = order[i] as number;
        order[i] = order[r] as number;
        order[r] = tmp;
        this.index[j * s + i] = order[i] as number;
        this.weight[j * s + i] = stream.below(2) === 0 ? scale : -scale;
      }
    }
  }

  /**
   * Writes the first `k` projections of the L2-normalised embedding into `out`; returns the norm.
   * Throws E_EMBEDDING for a wrong dimension, a zero vector or a non-finite value.
   */
  project(x: ArrayLike<number>, out: Float64Array, k = this.count): number {
    if (x.length !== this.dim)
      throw new VarvError('E_EMBEDDING', `expected ${this.dim} dimensions, got ${x.length}`);
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let i = 0;
    const n = x.length;
    for (; i + 3 < n; i += 4) {
      const u0 = x[i] as number;
      const u1 = x[i + 1] as number;
      const u2 = x[i + 2] as number;
      const u3 = x[i + 3] as number;
      a0 += u0 * u0;
      a1 += u1 * u1;
      a2 += u2 * u2;
      a3 += u3 * u3;
    }
    for (; i < n; i++) a0 += (x[i] as number) ** 2;
    const norm = Math.sqrt(a0 + a1 + a2 + a3);
    if (!(norm > 0 && Number.isFinite(norm)))
      throw new VarvError('E_EMBEDDING', 'an embedding must be finite and non-zero');
    const inv = 1 / norm;
    const s = this.nonzeros;
    const index = this.index;
    const weight = this.weight;
    for (let j = 0; j < k; j++) {
      let acc = 0;
      const base = j * s;
      for (let m = base; m < base + s; m++) acc += (weight[m] as number) * (x[index[m] as number] as number);
      out[j] = acc * inv;
    }
    return norm;
  }
}

/** A deterministic secret stream: AES-256-CTR over zeros, keyed by a key derived for `purpose`. */
function keystream(key: StoreKey, purpose: string) {
  const material = key.derive(purpose, 48);
  const cipher = createCipheriv('aes-256-ctr', material.subarray(0, 32), material.subarray(32, 48));
  let buf = new Uint8Array(0);
  let at = 0;
  const u32 = (): number => {
    if (at + 4 > buf.length) {
      buf = cipher.update(new Uint8Array(4096));
      at = 0;
    }
    const v =
      ((buf[at] as number) |
        ((buf[at + 1] as number) << 8) |
        ((buf[at + 2] as number) << 16) |
        ((buf[at + 3] as number) << 24)) >>>
      0;
    at += 4;
    return v;
  };
  return {
    /** Uniform integer in [0, n), without modulo bias. */
    below(n: number): number {
      const limit = Math.floor(0x1_0000_0000 / n) * n;
      for (;;) {
        const v = u32();
        if (v < limit) return v % n;
      }
    },
  };
}
