import type { EpsilonLedger } from '../epsilonLedger.ts';
import { type EpsilonReport, epsilonReport } from './epsilonReport.ts';
import { type Identities, personIndex } from './identities.ts';
import { type InferenceRisk, type InferenceSecret, inference, inferenceSecrets } from './inference.ts';
import { type LinkabilityRisk, linkability } from './linkability.ts';
import { type LinkScope, linkScopes } from './linkScope.ts';
import { type LinkScores, linkScores } from './linkScores.ts';
import { type ARX_THRESHOLDS, type GroupOccupancy, groupOccupancy } from './occupancy.ts';
import { type SameGroupPosterior, sameGroupPosterior } from './posterior.ts';
import { type ProfileChaining, profileChaining } from './profileChaining.ts';
import { shuffledControl } from './shuffledControl.ts';
import type { SightingTable } from './sightingTable.ts';
import { type SinglingOutRisk, singlingOut } from './singlingOut.ts';
import { type TrajectoryUnicity, trajectoryUnicity } from './unicity.ts';
import { type Unlinkability, unlinkability } from './unlinkability.ts';
import type { VisitRecords } from './visitRecords.ts';

export type RiskInput = {
  visits: VisitRecords;
  identities: Identities;
  /** The released sightings with the person behind each, for group occupancy. */
  sightings?: { table: SightingTable; person: ArrayLike<number> };
  /** People in the population per (store, epoch, interval, group), for the journalist model. */
  populationClassSize?: (store: number, epoch: number, interval: number, group: number) => number;
  ledger?: EpsilonLedger;
};

export type RiskOptions = {
  seed: number;
  /** Attacks per figure: targets, claimed queries, inferences (default 2,000). */
  attacks?: number;
  scopes?: readonly LinkScope[];
  /** Known points for trajectory unicity (default 1…5). */
  points?: readonly number[];
  /** Non-mated pairs scored per scope (default 20,000). */
  nonMated?: number;
  thresholds?: Partial<typeof ARX_THRESHOLDS>;
};

export type ScopeUnlinkability = Unlinkability & Pick<LinkScores, 'pairs' | 'omega'>;

export type RiskAssessment = {
  seed: number;
  attacks: number;
  counts: { sightings: number | null; visits: number; persons: number; days: number; stores: number };
  singlingOut: SinglingOutRisk;
  /** Per scope; null where the release holds no two visits of one person in that scope. */
  linkability: Record<LinkScope, LinkabilityRisk | null>;
  /** Per secret; null where the truth needed is missing. */
  inference: Record<InferenceSecret, InferenceRisk | null>;
  unlinkability: Record<LinkScope, ScopeUnlinkability | null>;
  posterior: SameGroupPosterior;
  occupancy: GroupOccupancy | null;
  unicity: TrajectoryUnicity;
  chaining: ProfileChaining;
  epsilon: EpsilonReport | null;
};

/**
 * Every attack and measure of the privacy lab on one release, with one control release (group IDs
 * dealt out at random within slots) shared by the attacks. Pure: the release, the truth and a seed
 * in; figures with their intervals, attack counts and seed out.
 */
export function assessRisk(input: RiskInput, opts: RiskOptions): RiskAssessment {
  const v = input.visits;
  const id = input.identities;
  const seed = opts.seed;
  const attacks = opts.attacks ?? 2000;
  const people = personIndex(v, id);
  const control = shuffledControl(v, seed);
  const scopes = opts.scopes ?? linkScopes;
  const linkabilityBy = {} as Record<LinkScope, LinkabilityRisk | null>;
  const unlinkabilityBy = {} as Record<LinkScope, ScopeUnlinkability | null>;
  for (const scope of linkScopes) {
    linkabilityBy[scope] = null;
    unlinkabilityBy[scope] = null;
    if (!scopes.includes(scope)) continue;
    const l = linkability(v, id, { scope, seed, targets: attacks, people, control });
    if (l.mated > 0) linkabilityBy[scope] = l;
    const scores = linkScores(v, people, scope, { seed, nonMated: opts.nonMated });
    if (scores.mated.length && scores.nonMated.length) {
      unlinkabilityBy[scope] = {
        ...unlinkability(scores.mated, scores.nonMated, { seed, omega: scores.omega ?? undefined }),
        pairs: scores.pairs,
        omega: scores.omega,
      };
    }
  }
  const inferenceBy = {} as Record<InferenceSecret, InferenceRisk | null>;
  for (const secret of inferenceSecrets) {
    const has = secret === 'frequency' || (secret === 'gender' ? id.gender : id.age) !== undefined;
    inferenceBy[secret] = has ? inference(v, id, { secret, seed, attacks, people, control }) : null;
  }
  return {
    seed,
    attacks,
    counts: {
      sightings: input.sightings ? input.sightings.table.length : null,
      visits: v.length,
      persons: people.persons,
      days: new Set(v.day).size,
      stores: new Set(v.store).size,
    },
    singlingOut: singlingOut(v, id, { seed, attacks, people, control }),
    linkability: linkabilityBy,
    inference: inferenceBy,
    unlinkability: unlinkabilityBy,
    posterior: sameGroupPosterior(v, people),
    occupancy: input.sightings
      ? groupOccupancy(input.sightings.table, input.sightings.person, {
          thresholds: opts.thresholds,
          populationClassSize: input.populationClassSize,
        })
      : null,
    unicity: trajectoryUnicity(v, { seed, points: opts.points, targets: attacks }),
    chaining: profileChaining(v, people, { seed, control }),
    epsilon: input.ledger ? epsilonReport(input.ledger) : null,
  };
}
