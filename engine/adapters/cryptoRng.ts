import { randomFillSync } from 'node:crypto';
import type { Rng } from '../privacy/random.ts';

/**
 * Uniform numbers in [0, 1) from the operating system's CSPRNG, 53 bits each: the randomness
 * for noise added to real releases (seeded generators are for tests and simulation only).
 */
export function cryptoRng(): Rng {
  const pool = new Uint32Array(512);
  let at = pool.length;
  return () => {
    if (at + 2 > pool.length) {
      randomFillSync(pool);
      at = 0;
    }
    const hi = (pool[at++] as number) >>> 5; // 27 bits
    const lo = (pool[at++] as number) >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
}
