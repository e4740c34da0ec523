import { createHash } from 'node:crypto';
import type { ResolvedScenario } from '../../engine/layout/index.ts';
import {
  calibrate,
  GroupAssigner,
  genuinePairs,
  impostorPairs,
  StoreKey,
} from '../../engine/privacy/index.ts';
import { DEFAULT_SENSORS } from '../sensors/index.ts';
import { RandomTree } from './randomTree.ts';

/**
 * The group assigner of a simulation: a key derived from the seed (a simulation is not a store, so
 * it has no secret to protect; a fixed derivation keeps runs reproducible) and a quantiser
 * calibrated for the scenario's consistency on the sensors' noise model.
 */
export function simulationAssigner(sc: ResolvedScenario, seed: number, pairs = 2000) {
  const p = sc.privacy ?? {
    groups: 256,
    consistency: 0.5,
    intervals: ['06:00', '11:00', '14:00'] as [string, string, string],
    rotation: 'none' as const,
    k: 5,
  };
  const key = StoreKey.parse(
    sc.store.id,
    createHash('sha256').update(`varv-simulation-key|${sc.store.id}|${seed}`).digest('hex'),
  );
  const rng = new RandomTree(seed).stream('calibration');
  const noise = DEFAULT_SENSORS.noise;
  const report = calibrate(key, genuinePairs(noise, pairs, rng), impostorPairs(noise, pairs, rng), {
    consistency: p.consistency,
    groups: p.groups,
  });
  const assigner = new GroupAssigner(
    key,
    { groups: p.groups, rotation: p.rotation, intervals: p.intervals, timezone: sc.store.timezone },
    report.quantizer,
  );
  return { assigner, report };
}
