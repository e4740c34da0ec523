import type { Rng } from '../../engine/privacy/index.ts';

/**
 * A small fast seeded generator (mulberry32 over a string-hashed seed) for the synthetic release,
 * which draws millions of numbers; the simulator's own streams (seedrandom) stay where they are.
 */
export function fastRng(seed: string): Rng {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
