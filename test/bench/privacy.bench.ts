import {
  GroupAssigner,
  observe,
  type Quantizer,
  randomIdentity,
  StoreKey,
  seededRng,
} from '../../engine/privacy/index.ts';
import { type BenchLine, compare } from './measure.ts';

const K = 8;
const NONZEROS = 32;
const key = StoreKey.parse('bench', 'be'.repeat(32));

/**
 * Group assignments per second at a given embedding size, against the floor of the work: a plain
 * loop that reads the embedding (its norm) and computes the same number of sparse dot products.
 * The stream is 4,096 observations of 1,000 people at 10° noise, cycled, as a camera sees them.
 */
export function assignBench(dim: number): BenchLine {
  const rng = seededRng(dim);
  const people = Array.from({ length: 1000 }, () => randomIdentity(dim, rng));
  const model = { dim, angle: { meanDeg: 10, sdDeg: 2.5 } };
  const stream = Array.from({ length: 4096 }, (_, i) =>
    observe(people[i % people.length] as Float32Array, model, rng),
  );
  const quantizer: Quantizer = {
    projections: K,
    buckets: Array(K).fill(2.5),
    nonzeros: NONZEROS,
    spread: Array(K).fill(1 / Math.sqrt(dim)),
  };
  const assigner = new GroupAssigner(
    key,
    { groups: 256, rotation: 'daily', intervals: ['06:00', '11:00', '14:00'], timezone: 'Europe/Stockholm' },
    quantizer,
  );
  const t = Date.parse('2026-06-02T08:00:00Z');

  // The floor: the same reads and multiply-adds, with its own random coordinates.
  const index = Int32Array.from({ length: K * NONZEROS }, () => Math.floor(rng() * dim));
  const weight = Float64Array.from(
    { length: K * NONZEROS },
    () => (rng() < 0.5 ? -1 : 1) / Math.sqrt(NONZEROS),
  );
  const out = new Float64Array(K);
  let sink = 0;
  const BATCH = 4096;
  const line = compare(
    'privacy',
    `group_assignments_per_s_${dim}d`,
    () => {
      for (let i = 0; i < BATCH; i++) sink += assigner.assign(stream[i] as Float32Array, t).group;
    },
    {
      name: 'dot-product floor (same reads and multiply-adds)',
      fn: () => {
        for (let i = 0; i < BATCH; i++) sink += floor(stream[i] as Float32Array, index, weight, out);
      },
    },
    25,
  );
  if (Number.isNaN(sink)) throw new Error('unreachable');
  return {
    ...line,
    value: Math.round(line.value * BATCH),
    peerValue: Math.round((line.peerValue ?? 0) * BATCH),
    note: `${K} projections × ${NONZEROS} nonzeros, 256 groups, daily rotation; goal ≥ 1e6/s per core at 512 d and ratio ≥ 0.5`,
  };
}

/** The floor of the work, as a plain module-level loop: the norm and K sparse dot products. */
function floor(x: Float32Array, index: Int32Array, weight: Float64Array, out: Float64Array): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  const n = x.length;
  for (let i = 0; i < n; i += 4) {
    const u0 = x[i] as number;
    const u1 = x[i + 1] as number;
    const u2 = x[i + 2] as number;
    const u3 = x[i + 3] as number;
    a0 += u0 * u0;
    a1 += u1 * u1;
    a2 += u2 * u2;
    a3 += u3 * u3;
  }
  const inv = 1 / Math.sqrt(a0 + a1 + a2 + a3);
  for (let j = 0; j < K; j++) {
    let acc = 0;
    const base = j * NONZEROS;
    for (let m = base; m < base + NONZEROS; m++)
      acc += (weight[m] as number) * (x[index[m] as number] as number);
    out[j] = acc * inv;
  }
  return out[0] as number;
}
