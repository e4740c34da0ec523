import type { ResolvedScenario } from '../../engine/layout/index.ts';
import { type IntervalName, intervalNames, keyEpoch } from '../../engine/privacy/index.ts';
import { DEFAULT_SENSORS } from '../sensors/index.ts';
import { Population, RandomTree, simulationAssigner } from '../sim/index.ts';
import { PersonCodes } from './personCodes.ts';

/**
 * How many people of the whole population (visitors or not) fall in each (key epoch, interval,
 * group) of a store: each person counted in the group of their most frequent code among `pool`
 * observations. The journalist model's population class sizes. Keyed `epoch|interval|group`.
 */
export function populationClasses(
  sc: ResolvedScenario,
  seed: number,
  epochs: readonly number[],
  pool = 8,
): Map<string, number> {
  const size = sc.shoppers?.population ?? 0;
  const { assigner } = simulationAssigner(sc, seed);
  const population = new Population(
    new RandomTree(seed).child('population'),
    size,
    DEFAULT_SENSORS.noise.dim,
    0,
  );
  const codes = new PersonCodes(assigner, DEFAULT_SENSORS.noise, pool, `population|${seed}`);
  const k = assigner.quantizer.projections;
  const out = new Map<string, number>();
  const modal = new Int32Array(k);
  for (let i = 0; i < size; i++) {
    const all = codes.codesOf(population.person(i));
    const count = new Map<string, number>();
    let best = 0;
    let bestC = 0;
    for (let j = 0; j < pool; j++) {
      const key = all.subarray(j * k, (j + 1) * k).join(',');
      const c = (count.get(key) ?? 0) + 1;
      count.set(key, c);
      if (c > bestC) {
        bestC = c;
        best = j;
      }
    }
    modal.set(all.subarray(best * k, (best + 1) * k));
    for (const epoch of epochs)
      for (const interval of intervalNames) {
        const g = assigner.groupOfCode(modal, epoch, interval as IntervalName);
        const id = `${epoch}|${interval}|${g}`;
        out.set(id, (out.get(id) ?? 0) + 1);
      }
  }
  return out;
}

/** The key epochs of a store's days (local day numbers) under its rotation. */
export function epochsOf(sc: ResolvedScenario, days: Iterable<number>): number[] {
  const rotation = sc.privacy?.rotation ?? 'none';
  return [...new Set([...days].map((d) => keyEpoch(rotation, d)))];
}
