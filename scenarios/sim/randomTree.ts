import { type Rng, seededRng } from '../../engine/privacy/index.ts';

/**
 * A tree of independent seeded random streams: one per subsystem and one per agent, named by a
 * path ("arrivals", "agent/17/speed"). A stream depends only on the run's seed and its own name,
 * so adding an agent or a draw in one subsystem never shifts the numbers of another.
 */
export class RandomTree {
  constructor(readonly seed: number | string) {}

  /** The stream at `path` (a fresh generator each call, starting from the beginning). */
  stream(path: string): Rng {
    return seededRng(`${this.seed}\u0000${path}`);
  }

  /** The subtree under `path`: its streams are this tree's streams under "path/…". */
  child(path: string): RandomTree {
    return new RandomTree(`${this.seed}\u0000${path}`);
  }
}
