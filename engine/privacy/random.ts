import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). Passed in; the core never calls Math.random. */
export type Rng = () => number;

/** A reproducible generator (seedrandom's ARC4) for tests and simulations. */
export function seededRng(seed: string | number): Rng {
  const r = seedrandom(String(seed));
  return () => r.double();
}

/** A standard normal draw (Box–Muller, one of the pair). */
export function gaussian(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
