import { type Proportion, wilson } from '../../../engine/privacy/index.ts';
import { type AttackRisk, residualRisk } from '../../../engine/privacy/risk/index.ts';

/**
 * One attack's residual risk over several seeds: the attack's, the control's and the baseline's
 * successes and trials summed over the seeds (the seeds' attacks are independent draws of the same
 * experiment), then Anonymeter's residual risk on the pooled rates.
 */
export function poolResidual(risks: readonly AttackRisk[]): AttackRisk {
  const sum = (pick: (r: AttackRisk) => Proportion): Proportion =>
    wilson(
      risks.reduce((s, r) => s + pick(r).successes, 0),
      risks.reduce((s, r) => s + pick(r).n, 0),
    );
  return residualRisk(
    sum((r) => r.attack),
    sum((r) => r.control),
    sum((r) => r.baseline),
    risks[0]?.seed ?? 0,
  );
}
