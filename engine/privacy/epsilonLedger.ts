import { VarvError } from '../errors.ts';
import { discreteLaplace } from './noise.ts';
import type { Rng } from './random.ts';

export type LedgerEntry = { release: string; epsilon: number; sensitivity: number };

/**
 * The privacy budget spent on noisy releases (sequential composition: the ε of every release
 * adds up). Spending past the budget throws E_BUDGET and records nothing.
 */
export class EpsilonLedger {
  readonly entries: LedgerEntry[] = [];

  constructor(readonly budget = Number.POSITIVE_INFINITY) {}

  get spent(): number {
    return this.entries.reduce((s, e) => s + e.epsilon, 0);
  }

  spend(release: string, epsilon: number, sensitivity = 1): void {
    if (!(epsilon > 0) || !Number.isFinite(epsilon))
      throw new VarvError('E_CONFIG', `ε must be positive and finite, got ${epsilon}`);
    if (!(sensitivity > 0) || !Number.isFinite(sensitivity))
      throw new VarvError('E_CONFIG', `sensitivity must be positive and finite, got ${sensitivity}`);
    if (this.spent + epsilon > this.budget + 1e-12) {
      throw new VarvError(
        'E_BUDGET',
        `releasing "${release}" at ε = ${epsilon} would spend ${(this.spent + epsilon).toFixed(3)} of a budget of ${this.budget}`,
      );
    }
    this.entries.push({ release, epsilon, sensitivity });
  }

  /** A count released with discrete Laplace noise of scale sensitivity/ε, recorded in the ledger. */
  noisyCount(release: string, count: number, epsilon: number, rng: Rng, sensitivity = 1): number {
    // Draw first: a draw that fails (a scale out of range) must not be charged.
    const noise = discreteLaplace(sensitivity / epsilon, rng);
    this.spend(release, epsilon, sensitivity);
    return count + noise;
  }
}
