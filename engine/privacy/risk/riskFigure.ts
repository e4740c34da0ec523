import type { Proportion } from '../wilson.ts';

/**
 * One attack's result in the Anonymeter form (Giomi et al. 2023): the attack's success rate, the
 * same attack's rate on the control, a random guesser's rate, and the residual risk
 * (attack − control)/(1 − control) with a 95% interval propagated from the Wilson intervals of both
 * rates (Anonymeter's `residual_success`). `risk`, `lo` and `hi` are clipped to [0, 1] as
 * Anonymeter reports them; `raw` is the unclipped point estimate.
 */
export type AttackRisk = {
  attack: Proportion;
  control: Proportion;
  baseline: Proportion;
  risk: number;
  lo: number;
  hi: number;
  raw: number;
  /** The attack beats the random baseline; when it does not, the attack is too weak to mean anything. */
  meaningful: boolean;
  /** Attacks run (the attack's n) and the seed that drew them. */
  attacks: number;
  seed: number;
};

/** Combines attack, control and baseline rates into the residual risk. */
export function residualRisk(
  attack: Proportion,
  control: Proportion,
  baseline: Proportion,
  seed: number,
): AttackRisk {
  const a = attack.n > 0 ? attack.p : Number.NaN;
  const c = control.n > 0 ? control.p : 0;
  const ea = (attack.hi - attack.lo) / 2;
  const ec = control.n > 0 ? (control.hi - control.lo) / 2 : 0;
  let raw: number;
  let err: number;
  if (c >= 1) {
    // The control always succeeds: nothing is left for the release to add.
    raw = 0;
    err = 0;
  } else {
    raw = (a - c) / (1 - c);
    err = Math.hypot(ea / (1 - c), (ec * Math.abs(a - 1)) / (1 - c) ** 2);
  }
  const clip = (x: number) => Math.min(1, Math.max(0, x));
  return {
    attack,
    control,
    baseline,
    risk: clip(raw),
    lo: clip(raw - err),
    hi: clip(raw + err),
    raw,
    meaningful: attack.n > 0 && (baseline.n === 0 || attack.p > baseline.p),
    attacks: attack.n,
    seed,
  };
}
