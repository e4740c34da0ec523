/**
 * Exponential backoff for retries: `initialMs`, doubling per failure, capped at `maxMs`; `reset()`
 * after a success. Deterministic (no jitter): one publisher per store, so there is no herd to spread.
 */
export class Backoff {
  private failures = 0;
  constructor(
    readonly initialMs = 100,
    readonly maxMs = 5000,
  ) {
    if (!(initialMs > 0 && maxMs >= initialMs))
      throw new RangeError(`backoff needs 0 < initialMs <= maxMs (got ${initialMs}, ${maxMs})`);
  }
  /** The delay before the next attempt, after one more failure. */
  next(): number {
    const ms = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    return ms;
  }
  reset(): void {
    this.failures = 0;
  }
  /** Consecutive failures since the last success. */
  get attempts(): number {
    return this.failures;
  }
}
