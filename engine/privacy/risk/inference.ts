import { VarvError } from '../../errors.ts';
import { seededRng } from '../random.ts';
import { wilson } from '../wilson.ts';
import { GroupKeys } from './groupKeys.ts';
import { type Identities, type PersonIndex, personIndex } from './identities.ts';
import { pairHash } from './pairHash.ts';
import { type AttackRisk, residualRisk } from './riskFigure.ts';
import { shuffledControl } from './shuffledControl.ts';
import type { VisitRecords } from './visitRecords.ts';

/** What an inference attack tries to learn about the person behind a visit. */
export const inferenceSecrets = ['gender', 'age', 'frequency'] as const;
export type InferenceSecret = (typeof inferenceSecrets)[number];

/** Visit-frequency classes over the release's period: how many visits the person made. */
export const FREQUENCY_CLASSES = ['1', '2-3', '4+'] as const;

export function frequencyClass(visits: number): number {
  return visits <= 1 ? 0 : visits <= 3 ? 1 : 2;
}

export type InferenceRisk = AttackRisk & { secret: InferenceSecret; categories: readonly string[] };

/**
 * Inference (Anonymeter's attack, adapted): from one visit, the attacker infers a secret about its
 * person — their true gender or age band (with this visit's own released attribute hidden), or how
 * often they come (1, 2–3, 4+ visits in the period) — from the other visits that share its group key
 * on other days: the majority of their released attribute, or 1 + the number of such visits (on
 * distinct days, with the same released gender and age band). With nothing linked the attacker
 * guesses the release's most common value. Success: the guess is the truth. Control: the same on the
 * release with group IDs dealt out at random within slots. Baseline: a uniformly random category.
 */
export function inference(
  v: VisitRecords,
  id: Identities,
  opts: {
    secret: InferenceSecret;
    seed: number;
    attacks?: number;
    people?: PersonIndex;
    control?: VisitRecords;
  },
): InferenceRisk {
  const { secret, seed } = opts;
  const people = opts.people ?? personIndex(v, id);
  const categories: readonly string[] =
    secret === 'gender' ? v.genders : secret === 'age' ? v.ages : FREQUENCY_CLASSES;
  const truthOf = (r: number): number => {
    if (secret === 'frequency') {
      const p = people.of[r] as number;
      return frequencyClass((people.start[p + 1] as number) - (people.start[p] as number));
    }
    const list = secret === 'gender' ? id.gender : id.age;
    if (!list)
      throw new VarvError('E_RISK_INPUT', `inference of ${secret} needs the true ${secret} of each visit`);
    return categories.indexOf(list[r] as string);
  };
  const released = secret === 'gender' ? v.gender : v.age;
  const prior = secret === 'frequency' ? 0 : mostCommon(released, categories.length);

  const guess = (release: VisitRecords, keys: GroupKeys, r: number): number => {
    const linked = keys.records(keys.keyOf(r)).filter((o) => release.day[o] !== release.day[r]);
    if (secret === 'frequency') {
      const days = new Set<number>();
      for (const o of linked)
        if (release.gender[o] === release.gender[r] && release.age[o] === release.age[r])
          days.add(release.day[o] as number);
      return frequencyClass(1 + days.size);
    }
    const attr = secret === 'gender' ? release.gender : release.age;
    const votes = new Int32Array(categories.length);
    for (const o of linked)
      if ((attr[o] as number) >= 0) votes[attr[o] as number] = (votes[attr[o] as number] as number) + 1;
    let best = -1;
    let bestC = 0;
    for (let c = 0; c < votes.length; c++)
      if ((votes[c] as number) > bestC) {
        best = c;
        bestC = votes[c] as number;
      }
    return best >= 0 ? best : prior;
  };

  const rng = seededRng(`inference|${secret}|${seed}`);
  const n = Math.min(opts.attacks ?? 2000, v.length);
  const targets = Array.from({ length: n }, () => Math.floor(rng() * v.length));
  const run = (release: VisitRecords) => {
    const keys = new GroupKeys(release);
    let ok = 0;
    for (const r of targets) if (guess(release, keys, r) === truthOf(r)) ok++;
    return wilson(ok, targets.length);
  };
  let okBase = 0;
  for (const r of targets) if (pairHash(seed ^ 0x27d4eb2f, r, 1) % categories.length === truthOf(r)) okBase++;
  const control = opts.control ?? shuffledControl(v, seed);
  return {
    ...residualRisk(run(v), run(control), wilson(okBase, targets.length), seed),
    secret,
    categories,
  };
}

function mostCommon(values: Int8Array, k: number): number {
  const c = new Int32Array(Math.max(1, k));
  for (let i = 0; i < values.length; i++)
    if ((values[i] as number) >= 0) c[values[i] as number] = (c[values[i] as number] as number) + 1;
  let best = 0;
  for (let i = 1; i < c.length; i++) if ((c[i] as number) > (c[best] as number)) best = i;
  return best;
}
