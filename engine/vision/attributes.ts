import type { ageBands, genders } from '../events/index.ts';

export type Gender = (typeof genders)[number];
export type AgeBand = (typeof ageBands)[number];

/** First age (years) of each band; a band runs to the next one's first age. */
const BAND_STARTS: [AgeBand, number][] = [
  ['0-17', 0],
  ['18-29', 18],
  ['30-44', 30],
  ['45-64', 45],
  ['65+', 65],
];

/**
 * Gender from P(male): the likelier one, with confidence |2p − 1| (0 at p = ½, 1 at certainty);
 * below `floor` it is unknown.
 */
export function genderOf(pMale: number, floor: number): { gender: Gender | 'unknown'; confidence: number } {
  const confidence = Math.abs(2 * pMale - 1);
  if (!(confidence >= floor))
    return { gender: 'unknown', confidence: Number.isFinite(confidence) ? confidence : 0 };
  return { gender: pMale >= 0.5 ? 'man' : 'woman', confidence };
}

/**
 * Age band from a distribution over ages 0…n−1: the band with the most probability, its
 * probability as the confidence (unknown below `floor`), and the expected age in years.
 */
export function ageBandOf(
  p: ArrayLike<number>,
  floor: number,
): { age: AgeBand | 'unknown'; confidence: number; years: number } {
  const mass = BAND_STARTS.map(() => 0);
  let total = 0;
  let years = 0;
  for (let a = 0; a < p.length; a++) {
    const q = p[a] as number;
    let b = BAND_STARTS.length - 1;
    while (b > 0 && a < (BAND_STARTS[b] as [AgeBand, number])[1]) b--;
    mass[b] = (mass[b] as number) + q;
    total += q;
    years += a * q;
  }
  let best = 0;
  for (let b = 1; b < mass.length; b++) if ((mass[b] as number) > (mass[best] as number)) best = b;
  const confidence = total > 0 ? (mass[best] as number) / total : 0;
  const band = (BAND_STARTS[best] as [AgeBand, number])[0];
  return {
    age: confidence >= floor ? band : 'unknown',
    confidence,
    years: total > 0 ? years / total : Number.NaN,
  };
}
