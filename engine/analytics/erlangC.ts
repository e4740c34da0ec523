import { VarvError } from '../errors.ts';

/** The M/M/c queue's steady state: what Erlang C predicts for a till line. */
export type ErlangC = {
  /** Offered load a = λ/μ (erlangs). */
  load: number;
  /** Utilisation ρ = a/c. */
  utilisation: number;
  /** P(an arrival has to wait). */
  pWait: number;
  /** Mean wait in the queue, Wq = C/(cμ − λ), in the unit of the rates' inverse. */
  meanWait: number;
  /** Mean number waiting, Lq = λ·Wq (Little's law). */
  meanQueue: number;
};

/**
 * Erlang C for c servers, arrival rate λ and service rate μ per server (same time unit), computed
 * through the Erlang B recursion B(0) = 1, B(k) = a·B(k−1)/(k + a·B(k−1)), which stays stable for
 * large c; then C = B / (1 − ρ(1 − B)). Throws E_UNSTABLE when λ ≥ cμ (the queue grows forever).
 */
export function erlangC(servers: number, arrivalRate: number, serviceRate: number): ErlangC {
  if (!Number.isInteger(servers) || servers < 1)
    throw new VarvError('E_CONFIG', `servers must be a positive integer, got ${servers}`);
  if (!(arrivalRate >= 0) || !(serviceRate > 0))
    throw new VarvError('E_CONFIG', 'rates must be non-negative (arrivals) and positive (service)');
  const a = arrivalRate / serviceRate;
  const rho = a / servers;
  if (rho >= 1)
    throw new VarvError(
      'E_UNSTABLE',
      `load ${a.toFixed(2)} erlangs on ${servers} server(s) never clears (ρ = ${rho.toFixed(2)} ≥ 1)`,
    );
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (a * b) / (k + a * b);
  const c = b / (1 - rho * (1 - b));
  const meanWait = c / (servers * serviceRate - arrivalRate);
  return { load: a, utilisation: rho, pWait: c, meanWait, meanQueue: arrivalRate * meanWait };
}

/** The fewest servers that keep the mean wait at or below `maxWait` (and the load stable). */
export function serversNeeded(arrivalRate: number, serviceRate: number, maxWait: number): number {
  let c = Math.max(1, Math.floor(arrivalRate / serviceRate) + 1);
  while (erlangC(c, arrivalRate, serviceRate).meanWait > maxWait) c++;
  return c;
}
