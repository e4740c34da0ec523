import type { EpsilonLedger } from '../epsilonLedger.ts';

export type EpsilonReport = {
  /** null when the ledger has no budget. */
  budget: number | null;
  spent: number;
  remaining: number | null;
  /**
   * Under sequential composition a change in one person's data changes the probability of any
   * outcome of all the releases together by at most this factor (e^spent).
   */
  bound: number;
  releases: { release: string; epsilon: number; sensitivity: number }[];
};

/** The ε ledger of noisy (cross-store) releases, as reported: every release, the total and the budget left. */
export function epsilonReport(ledger: EpsilonLedger): EpsilonReport {
  const finite = Number.isFinite(ledger.budget);
  const spent = ledger.spent;
  return {
    budget: finite ? ledger.budget : null,
    spent,
    remaining: finite ? Math.max(0, ledger.budget - spent) : null,
    bound: Math.exp(spent),
    releases: ledger.entries.map((e) => ({ ...e })),
  };
}
