import { type GroupAssigner, type NoiseModel, observe } from '../../engine/privacy/index.ts';
import type { Person } from '../sim/index.ts';
import { fastRng } from './fastRng.ts';

/**
 * Each person's quantiser codes: `pool` observations of their identity through the sensors' noise
 * model, each turned into its code (the buckets of the secret projections) by the real assigner.
 * A synthetic sighting draws one of them: the same distribution of codes as a fresh observation,
 * up to the pool's sampling error, at a fraction of the cost. The group then comes from the real
 * assigner's keyed hash for the sighting's interval and epoch.
 */
export class PersonCodes {
  private readonly pools = new Map<number, Int32Array>();
  private readonly k: number;
  private readonly scratch: Int32Array;

  constructor(
    private readonly assigner: GroupAssigner,
    private readonly noise: NoiseModel,
    readonly pool: number,
    private readonly seed: number | string,
  ) {
    this.k = assigner.quantizer.projections;
    this.scratch = new Int32Array(this.k);
  }

  /** The group of one sighting of `person` in (epoch, interval), drawing a code with `rng`. */
  group(
    person: Person,
    epoch: number,
    interval: Parameters<GroupAssigner['groupOfCode']>[2],
    rng: () => number,
  ): number {
    const codes = this.codesOf(person);
    const j = Math.floor(rng() * this.pool);
    this.scratch.set(codes.subarray(j * this.k, (j + 1) * this.k));
    return this.assigner.groupOfCode(this.scratch, epoch, interval);
  }

  /** The pool of codes of a person (made on first use). */
  codesOf(person: Person): Int32Array {
    let codes = this.pools.get(person.index);
    if (!codes) {
      const rng = fastRng(`codes|${this.seed}|${person.index}`);
      codes = new Int32Array(this.pool * this.k);
      const out = new Int32Array(this.k);
      for (let j = 0; j < this.pool; j++) {
        this.assigner.bucketsOf(observe(person.identity, this.noise, rng), out);
        codes.set(out, j * this.k);
      }
      this.pools.set(person.index, codes);
    }
    return codes;
  }
}
