/**
 * A deterministic hash of (seed, a, b) to an unsigned 32-bit integer (murmur3's finaliser over the
 * three words). Attacks break ties and draw "random" choices with it, so a choice depends only on
 * what is chosen between, not on the order candidates are visited in: the indexed attack and the
 * naive all-pairs one pick alike.
 */
export function pairHash(seed: number, a: number, b: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  h = mix(h ^ Math.imul(a, 0xcc9e2d51));
  h = mix(h ^ Math.imul(b, 0x1b873593));
  return h >>> 0;
}

function mix(h: number): number {
  let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}
