import {
  calibrate,
  genuinePairs,
  impostorPairs,
  loadStoreKey,
  seededRng,
} from '../../engine/privacy/index.ts';
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
