/** Upper bounds (ms) of the buckets: from 10 µs to 1 s, then everything slower. */
export const LIFETIME_BUCKETS_MS = [
  0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000,
] as const;

export type LifetimeSummary = { count: number; p50: number; p90: number; p99: number; max: number };

/**
 * How long pixel and embedding buffers lived (lend → wipe), in Prometheus-style cumulative
 * buckets. Percentiles are interpolated within a bucket; `max` is exact.
 */
export class LifetimeHistogram {
  readonly counts = new Float64Array(LIFETIME_BUCKETS_MS.length + 1);
  count = 0;
  sum = 0;
  max = 0;

  record(ms: number): void {
    let i = 0;
    while (i < LIFETIME_BUCKETS_MS.length && ms > (LIFETIME_BUCKETS_MS[i] as number)) i++;
    this.counts[i] = (this.counts[i] as number) + 1;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  /** The q-quantile (0 < q ≤ 1), linear within its bucket; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = q * this.count;
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      const c = this.counts[i] as number;
      if (seen + c >= rank && c > 0) {
        const lo = i === 0 ? 0 : (LIFETIME_BUCKETS_MS[i - 1] as number);
        const hi = i < LIFETIME_BUCKETS_MS.length ? (LIFETIME_BUCKETS_MS[i] as number) : this.max;
        return Math.min(this.max, lo + ((hi - lo) * (rank - seen)) / c);
      }
      seen += c;
    }
    return this.max;
  }

  summary(): LifetimeSummary {
    return {
      count: this.count,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p99: this.quantile(0.99),
      max: this.max,
    };
  }
}
